package dev.toolgate.mcp;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Which catalogue one MCP session gets: the server-wide {@link McpConfig#catalogMode()}, or what the
 * client asked for when it initialized, with {@code ?catalog=compact|full} on the URL it connects to
 * or an {@code X-Toolgate-Catalog: compact|full} header (the query wins). The choice holds for the
 * whole session.
 *
 * @param mode the catalogue of the session
 * @param problem why the client's choice was refused, or null; the session then answers
 *     {@code tools/list} and {@code tools/call} with an invalid-params error naming it (initialize
 *     itself cannot refuse it: the SDK turns any failure there into an HTTP 500)
 */
record SessionCatalog(McpCatalogMode mode, String problem) {
  static final String QUERY_PARAMETER = "catalog";
  static final String HEADER = "X-Toolgate-Catalog";

  /**
   * The SDK's Streamable HTTP transport reads a request's context and, for {@code initialize}, starts
   * the session on the same servlet thread without handing the request over; this carries the asked
   * catalogue from one to the other. Set for every request, taken (and cleared) by the session factory.
   */
  private static final ThreadLocal<String> ASKED = new ThreadLocal<>();

  static SessionCatalog of(McpCatalogMode mode) {
    return new SessionCatalog(mode, null);
  }

  /** Notes what {@code request} asks for; called for every HTTP request before the SDK handles it. */
  static void noteAsked(HttpServletRequest request) {
    String asked = queryParameter(request.getQueryString());
    if (asked == null) {
      asked = request.getHeader(HEADER);
    }
    if (asked == null) {
      ASKED.remove();
    } else {
      ASKED.set(asked);
    }
  }

  /** The catalogue for the session being started on this thread. */
  static SessionCatalog takeAsked(McpCatalogMode fallback) {
    String asked = ASKED.get();
    ASKED.remove();
    if (asked == null) {
      return of(fallback);
    }
    try {
      return of(McpCatalogMode.parse(asked));
    } catch (IllegalArgumentException e) {
      return new SessionCatalog(fallback, "the catalogue asked for at initialize (" + QUERY_PARAMETER + " or " + HEADER
          + "): " + e.getMessage() + "; connect again with one of them");
    }
  }

  // Parsed by hand: HttpServletRequest.getParameter may read a form body, and this must not touch the body.
  private static String queryParameter(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (QUERY_PARAMETER.equals(URLDecoder.decode(name, StandardCharsets.UTF_8))) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  boolean compact() {
    return mode == McpCatalogMode.COMPACT;
  }

  /** Fails a request of a session whose choice was refused. */
  void requireValid() {
    if (problem != null) {
      throw McpHandlers.invalidParams(problem);
    }
  }
}
