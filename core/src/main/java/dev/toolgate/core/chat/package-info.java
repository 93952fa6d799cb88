/**
 * The chat orchestrator (seed 000): the rule-based planner and its time phrases, the answer writer,
 * and the service that calls the marketing tools through the guarded pipeline and stores sessions,
 * turns and tool logs.
 */
package dev.toolgate.core.chat;
