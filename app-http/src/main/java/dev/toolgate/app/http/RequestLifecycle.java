package dev.toolgate.app.http;

import dev.toolgate.core.call.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What happens around every request: a request id (the caller's, if well-formed), the logging
 * context, CORS for the configured origins only, and one access-log line at the end.
 */
final class RequestLifecycle {
  static final String REQUEST_ID_HEADER = "X-Request-ID";
  static final String MDC_REQUEST_ID = "request_id";
  static final String MDC_KEY_ID = "key_id";

  private static final Logger LOG = LoggerFactory.getLogger("dev.toolgate.http.access");
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final String ATTR_REQUEST_ID = "toolgate.request_id";
  private static final String ATTR_STARTED = "toolgate.started_nanos";
  private static final String EXPOSED_HEADERS = "X-Request-ID, Retry-After, Idempotent-Replayed, Location";
  private static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, X-API-Key, X-Proxy-Key, Idempotency-Key, X-Request-ID";

  private final Set<String> corsOrigins;

  RequestLifecycle(List<String> corsOrigins) {
    this.corsOrigins = Set.copyOf(corsOrigins);
  }

  static String requestId(Context ctx) {
    String id = ctx.attribute(ATTR_REQUEST_ID);
    return id != null ? id : RequestIds.next();
  }

  void before(Context ctx) {
    String incoming = ctx.header(REQUEST_ID_HEADER);
    // Not SecureRandom: a request id is for telling calls apart, and a client may send its own (RequestIds).
    String id = incoming != null && REQUEST_ID.matcher(incoming).matches() ? incoming : RequestIds.next();
    ctx.attribute(ATTR_REQUEST_ID, id);
    ctx.attribute(ATTR_STARTED, System.nanoTime());
    ctx.header(REQUEST_ID_HEADER, id);
    MDC.put(MDC_REQUEST_ID, id);
    requireDecodablePath(ctx);
    if (corsOrigins.isEmpty()) {
      return;
    }
    // Answers differ by Origin, so shared caches must key on it.
    ctx.header("Vary", "Origin");
    String origin = ctx.header("Origin");
    if (origin == null || !corsOrigins.contains(origin)) {
      return;
    }
    ctx.header("Access-Control-Allow-Origin", origin);
    ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
      ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
      ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
      // Skipping also skips the after-handler, so finish the request here.
      after(ctx);
      ctx.skipRemainingHandlers();
    }
  }

  /**
   * Javalin decodes path parameters with {@link URLDecoder}, which throws on escapes that are not
   * {@code %XX} (such as {@code %u002e}); refuse those here as the client's mistake, once for all routes.
   */
  private static void requireDecodablePath(Context ctx) {
    String path = ctx.path();
    if (path.indexOf('%') < 0) {
      return;
    }
    try {
      URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidRequest(
          "path", "the request path has a malformed percent-escape; escapes must be % followed by two hex digits");
    }
  }

  void after(Context ctx) {
    try {
      Long started = ctx.attribute(ATTR_STARTED);
      long latencyMs = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
      int status = ctx.statusCode();
      var event = status >= 500 ? LOG.atWarn() : LOG.atInfo();
      event
          .addKeyValue("method", ctx.method().name())
          .addKeyValue("path", ctx.path())
          .addKeyValue("status", status)
          .addKeyValue("latency_ms", latencyMs)
          .log("{} {} -> {} in {} ms", ctx.method().name(), ctx.path(), status, latencyMs);
    } finally {
      MDC.remove(MDC_REQUEST_ID);
      MDC.remove(MDC_KEY_ID);
    }
  }
}
