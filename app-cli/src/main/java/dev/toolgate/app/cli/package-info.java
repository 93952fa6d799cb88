/** The {@code toolgate} command line: tools, approvals, audit, keys, the server and the demo. */
package dev.toolgate.app.cli;
