package dev.toolgate.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The Streamable HTTP endpoint's settings. Requests are checked against two allowlists (DNS-rebinding
 * protection): {@code localhost}, {@code 127.0.0.1} and {@code [::1]} on the port the request came
 * in on are always allowed, as {@code Host} and as {@code http://} origins; these lists add to them.
 * Values compare without regard to case.
 *
 * @param path where the endpoint is mounted, e.g. {@code /mcp}
 * @param allowedOrigins further exact browser origins ({@code scheme://host[:port]}) that may call it
 * @param allowedHosts further {@code Host} header values, {@code name[:port]}, or {@code name:*} for any
 *     port (for a public name or a reverse proxy)
 * @param maxRequestBytes the largest accepted request body
 * @param maxSessionsPerKey how many sessions one API key may hold open; one more {@code initialize} is
 *     refused with HTTP 429 {@code too_many_sessions} (default {@value #DEFAULT_MAX_SESSIONS_PER_KEY})
 * @param sessionIdle a session without any request (and no open stream) for this long is closed; the
 *     sweep runs every {@code sessionIdle}, so a session goes between one and two of them after its
 *     last request (default 30 minutes)
 */
public record McpHttpConfig(
    String path,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    int maxRequestBytes,
    int maxSessionsPerKey,
    Duration sessionIdle) {
  public static final int DEFAULT_MAX_SESSIONS_PER_KEY = 100;
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);

  public McpHttpConfig {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
      throw new IllegalArgumentException("path must look like /mcp, got '" + path + "'");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes must be positive, got " + maxRequestBytes);
    }
    if (maxSessionsPerKey < 1) {
      throw new IllegalArgumentException("maxSessionsPerKey must be at least 1, got " + maxSessionsPerKey);
    }
    Objects.requireNonNull(sessionIdle, "sessionIdle");
    if (sessionIdle.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("sessionIdle must be at least 1 second, got " + sessionIdle);
    }
  }
}
