package dev.toolgate.adapter.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream MCP server, as read from the servers file, with every {@code env:}/{@code secret:}
 * reference already resolved. {@link #toString} shows neither environment nor header values, since
 * they often carry credentials.
 *
 * @param name the server's key in {@code mcpServers}
 * @param enabled whether to connect at all
 * @param transport how to reach it
 * @param command the executable (stdio), or null
 * @param args its arguments (stdio)
 * @param cwd its working directory (stdio), or null for the gateway's
 * @param env extra environment of the subprocess (stdio)
 * @param url the endpoint (Streamable HTTP or SSE), or null
 * @param headers HTTP headers sent upstream on every request, e.g. its own {@code Authorization}
 * @param prefix the tool namespace: tools are named {@code prefix.tool}, or unchanged when empty
 * @param timeout how long one upstream call may take
 * @param maxReconnectAttempts consecutive failed connection attempts before giving up; -1 for never
 * @param connectionTimeout how long connecting and the MCP handshake may take
 * @param initialReconnectDelay the first delay before reconnecting; it doubles up to a minute
 * @param allowTools glob patterns of upstream tool names to expose (empty: all)
 * @param denyTools glob patterns of upstream tool names to hide (wins over allow)
 * @param approvalTools glob patterns of upstream tool names that need approval; null means the tools
 *     the server annotates {@code destructiveHint: true}
 * @param cacheReadOnly whether results of tools annotated read-only may be served from the cache
 */
public record McpServerConfig(
    String name,
    boolean enabled,
    Transport transport,
    String command,
    List<String> args,
    String cwd,
    Map<String, String> env,
    String url,
    Map<String, String> headers,
    String prefix,
    Duration timeout,
    int maxReconnectAttempts,
    Duration connectionTimeout,
    Duration initialReconnectDelay,
    List<String> allowTools,
    List<String> denyTools,
    List<String> approvalTools,
    boolean cacheReadOnly) {

  /** How the gateway reaches an upstream server. */
  public enum Transport {
    /** A subprocess speaking JSON-RPC over stdin/stdout. */
    STDIO,
    /** MCP Streamable HTTP (2025-03-26 and later). */
    STREAMABLE_HTTP,
    /** The legacy HTTP+SSE transport (2024-11-05). */
    SSE
  }

  public McpServerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(prefix, "prefix");
    args = List.copyOf(args);
    env = Map.copyOf(env);
    headers = Map.copyOf(headers);
    allowTools = List.copyOf(allowTools);
    denyTools = List.copyOf(denyTools);
    approvalTools = approvalTools == null ? null : List.copyOf(approvalTools);
    if (transport == Transport.STDIO ? command == null : url == null) {
      throw new IllegalArgumentException("server '" + name + "' over " + transport + " needs a "
          + (transport == Transport.STDIO ? "command" : "url"));
    }
  }

  /** The name a downstream client sees for the upstream tool {@code tool}. */
  public String exposedName(String tool) {
    return prefix.isEmpty() ? tool : prefix + "." + tool;
  }

  /** Where the server is, without credentials: the command or the URL without its query. */
  public String endpoint() {
    if (transport == Transport.STDIO) {
      return command;
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String toString() {
    return "McpServerConfig[name=" + name + ", enabled=" + enabled + ", transport=" + transport
        + ", endpoint=" + endpoint() + ", args=" + args.size() + " arg(s), env=" + env.keySet()
        + ", headers=" + headers.keySet() + ", prefix=" + prefix + ", timeout=" + timeout + "]";
  }
}
