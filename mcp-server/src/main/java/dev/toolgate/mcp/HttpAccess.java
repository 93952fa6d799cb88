package dev.toolgate.mcp;

import java.util.List;
import java.util.Locale;

/**
 * Which {@code Origin} and {@code Host} values may reach the MCP endpoint (DNS-rebinding protection:
 * a web page on another site must not reach a server on this machine, even under a name that
 * resolves here). Loopback names on the port a request came in on are always allowed; the configured
 * lists add to them. Comparison ignores case.
 */
final class HttpAccess {
  private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

  private final List<String> origins;
  private final List<String> hosts;

  HttpAccess(List<String> extraOrigins, List<String> extraHosts) {
    this.origins = extraOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    this.hosts = extraHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether a request with this {@code Origin} (not null) may proceed; {@code port} is the server's. */
  boolean originAllowed(String origin, int port) {
    String value = origin.strip().toLowerCase(Locale.ROOT);
    if (origins.contains(value)) {
      return true;
    }
    return LOOPBACK.stream().anyMatch(name -> value.equals("http://" + withPort(name, port)) || port == 80 && value.equals("http://" + name));
  }

  /** Whether a request with this {@code Host} header (null when absent) may proceed. */
  boolean hostAllowed(String host, int port) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String value = host.strip().toLowerCase(Locale.ROOT);
    for (String allowed : hosts) {
      if (allowed.equals(value)
          || allowed.endsWith(":*") && value.startsWith(allowed.substring(0, allowed.length() - 1))
          || allowed.endsWith(":*") && value.equals(allowed.substring(0, allowed.length() - 2))) {
        return true;
      }
    }
    return LOOPBACK.stream().anyMatch(name -> value.equals(withPort(name, port)) || port == 80 && value.equals(name));
  }

  private static String withPort(String name, int port) {
    return name + ":" + port;
  }
}
