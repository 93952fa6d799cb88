/**
 * Upstream MCP servers behind the gateway: {@link dev.toolgate.adapter.mcp.McpServersConfig} reads the
 * {@code mcpServers} file, {@link dev.toolgate.adapter.mcp.McpUpstreams} connects with the official MCP
 * Java SDK client and offers the upstreams' tools as one {@code ToolProvider}.
 */
package dev.toolgate.adapter.mcp;
