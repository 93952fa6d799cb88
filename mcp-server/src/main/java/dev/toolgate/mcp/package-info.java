/**
 * The MCP face of the gateway: tools, prompts and resources over the official MCP Java SDK's
 * Streamable HTTP (a servlet) and stdio transports, every tool call through core's guarded pipeline.
 */
package dev.toolgate.mcp;
