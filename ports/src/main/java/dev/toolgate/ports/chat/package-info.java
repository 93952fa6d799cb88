/**
 * Chat: sessions, turns and tool logs as stored, and the planner that turns a question into the
 * tool calls that answer it.
 */
package dev.toolgate.ports.chat;
