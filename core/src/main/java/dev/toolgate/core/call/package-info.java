/**
 * The guarded tool call: the command, the outcomes (one {@code Kind} per variant, mapped once per
 * face), the live tool catalog and its change events, and {@code CallToolService}, the pipeline that
 * turns a command into an outcome.
 */
package dev.toolgate.core.call;
