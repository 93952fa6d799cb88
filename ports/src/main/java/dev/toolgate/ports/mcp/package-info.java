/** The prompts, resources, templates, completion and subscriptions of upstream MCP servers, passed through. */
package dev.toolgate.ports.mcp;
