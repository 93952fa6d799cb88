/**
 * Language models: one chat request in (messages, tool definitions, sampling parameters), one reply
 * out (text, tool calls to run, tokens, cost), optionally streamed. The caller runs the tools.
 */
package dev.toolgate.ports.llm;
