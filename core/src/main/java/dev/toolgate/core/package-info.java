/** Toolgate's core: the gateway facade, its builder and configuration. */
package dev.toolgate.core;
