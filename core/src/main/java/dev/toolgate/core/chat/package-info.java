/**
 * The chat orchestrator: the service that runs a turn as a bounded loop of plans and
 * guarded tool calls and stores sessions, turns and tool logs; the offline rule-based planner and
 * its time phrases; and the answer writer for marketing lookups.
 */
package dev.toolgate.core.chat;
