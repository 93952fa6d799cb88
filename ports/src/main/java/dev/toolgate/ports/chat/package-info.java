/**
 * Chat: sessions, turns and tool logs as stored, and the planner port — a question, the tools the
 * principal may call and the steps taken so far in, a lookup, tool calls or a final answer out.
 */
package dev.toolgate.ports.chat;
