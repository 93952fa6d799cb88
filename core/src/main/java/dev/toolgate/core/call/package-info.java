/** The guarded tool call: command, outcomes, and the pipeline that turns one into the other. */
package dev.toolgate.core.call;
