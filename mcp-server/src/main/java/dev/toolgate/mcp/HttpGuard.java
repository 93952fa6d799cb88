package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.auth.ApiKeysUseCase;
import dev.toolgate.core.auth.PresentedKeys;
import dev.toolgate.core.call.RequestIds;
import dev.toolgate.ports.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Stands in front of the SDK's servlet: what the MCP endpoint lets through, in this order.
 *
 * <ol>
 *   <li>{@code Origin} (when sent) and {@code Host} must be on the allowlist, else 403 — a web page on
 *       another site cannot reach the server through DNS rebinding.
 *   <li>A CORS preflight from an allowed origin is answered here (204).
 *   <li>A key (same headers as REST) must authenticate, else 401 with {@code WWW-Authenticate}.
 *   <li>A session belongs to the key that opened it: another key naming it gets 404, as for an unknown
 *       session, so it can neither use it nor answer its questions (an inline approval is one).
 *   <li>A key may hold a limited number of sessions ({@link SessionLimits}): one more {@code initialize}
 *       gets 429 {@code too_many_sessions}.
 *   <li>A POSTed body must be readable (a malformed chunked body is a 400) and one well-formed JSON-RPC
 *       message ({@link McpMessageCheck}), else a short JSON-RPC error names the problem.
 * </ol>
 *
 * The principal and the request id then travel to the MCP handlers in the transport context. Whatever
 * error the SDK still answers reaches the client as a short JSON-RPC error ({@link ShortErrorResponse}),
 * never with the SDK's serialized stack trace, and is logged here once, without the client's content.
 */
final class HttpGuard implements Filter {
  static final String PRINCIPAL = "dev.toolgate.mcp.principal";
  static final String REQUEST_ID = "dev.toolgate.mcp.request_id";
  static final String SESSION_HEADER = "Mcp-Session-Id";

  private static final Logger LOG = LoggerFactory.getLogger("dev.toolgate.http.access");
  /** The {@code charset} parameter of a Content-Type, quoted or not. */
  private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";]*)");
  private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, X-API-Key,"
          + " X-Proxy-Key, X-Request-ID, X-Toolgate-Catalog";
  private static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST", "DELETE");
  private static final String EXPOSED_HEADERS = "Mcp-Session-Id, X-Request-ID, WWW-Authenticate";

  private static final Logger REFUSALS = LoggerFactory.getLogger(HttpGuard.class);

  private final ApiKeysUseCase keys;
  private final HttpAccess access;
  private final SessionLimits limits;
  private final int maxRequestBytes;
  private final McpMessageCheck messages;
  /** Session id → key id of the key that opened it. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  HttpGuard(
      ApiKeysUseCase keys, HttpAccess access, SessionLimits limits, int maxRequestBytes, McpMessageCheck messages) {
    this.keys = keys;
    this.access = access;
    this.limits = limits;
    this.maxRequestBytes = maxRequestBytes;
    this.messages = messages;
  }

  /** The transport context of a request this guard let through. */
  static McpTransportContext context(HttpServletRequest request) {
    Object principal = request.getAttribute(PRINCIPAL);
    Object requestId = request.getAttribute(REQUEST_ID);
    if (principal == null || requestId == null) {
      return McpTransportContext.EMPTY;
    }
    return McpTransportContext.create(Map.of(PRINCIPAL, principal, REQUEST_ID, requestId));
  }

  /** Forgets a session that ended (deleted by its client, swept as idle, or closed at shutdown). */
  void sessionClosed(String sessionId) {
    String owner = owners.remove(sessionId);
    if (owner != null) {
      limits.release(owner);
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String incoming = request.getHeader("X-Request-ID");
    // Not SecureRandom: a request id is for telling calls apart, and a client may send its own (RequestIds).
    String requestId = incoming != null && REQUEST_ID_FORMAT.matcher(incoming).matches() ? incoming : RequestIds.next();
    response.setHeader("X-Request-ID", requestId);
    MDC.put("request_id", requestId);
    try {
      guard(request, response, chain, requestId);
    } finally {
      LOG.atInfo()
          .addKeyValue("method", request.getMethod())
          .addKeyValue("path", request.getRequestURI())
          .addKeyValue("status", response.getStatus())
          .log("{} {} -> {}", request.getMethod(), request.getRequestURI(), response.getStatus());
      MDC.remove("request_id");
      MDC.remove("key_id");
    }
  }

  private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String requestId)
      throws IOException, ServletException {
    int port = request.getLocalPort();
    String origin = request.getHeader("Origin");
    if (origin != null && !access.originAllowed(origin, port)) {
      refuse(response, 403, "origin_not_allowed", "requests from origin '" + origin + "' are not allowed", requestId);
      return;
    }
    if (!access.hostAllowed(request.getHeader("Host"), port)) {
      refuse(response, 403, "host_not_allowed",
          "the Host '" + request.getHeader("Host") + "' is not on this server's allowlist", requestId);
      return;
    }
    if (origin != null) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      response.addHeader("Vary", "Origin");
    }
    if ("OPTIONS".equals(request.getMethod())) {
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
      response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      response.setHeader("Access-Control-Max-Age", "600");
      response.setStatus(204);
      return;
    }
    String presented = PresentedKeys.from(request::getHeader);
    if (presented == null) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"toolgate\"");
      refuse(response, 401, "unauthenticated",
          "an API key is required: send it as 'Authorization: Bearer <key>', 'X-API-Key' or 'X-Proxy-Key'", requestId);
      return;
    }
    Principal principal = keys.authenticate(presented).orElse(null);
    if (principal == null) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"toolgate\", error=\"invalid_token\"");
      refuse(response, 401, "invalid_key", "the API key is unknown or revoked", requestId);
      return;
    }
    MDC.put("key_id", principal.keyId());
    if (!ALLOWED_METHODS.contains(request.getMethod())) {
      // The servlet would answer 501 (or stream events for HEAD); the method is the client's mistake.
      response.setHeader("Allow", "GET, POST, DELETE, OPTIONS");
      refuse(response, 405, "method_not_allowed",
          request.getMethod() + " is not allowed on the MCP endpoint; use POST, GET or DELETE", requestId);
      return;
    }
    String unknownCharset = unknownCharset(request.getHeader("Content-Type"));
    if (unknownCharset != null) {
      refuse(response, 400, "unsupported_charset",
          "the Content-Type names charset '" + unknownCharset + "', which this server does not know; send UTF-8",
          requestId);
      return;
    }
    String sessionId = request.getHeader(SESSION_HEADER);
    if (sessionId != null) {
      String owner = owners.get(sessionId);
      if (owner != null && !owner.equals(principal.keyId())) {
        refuse(response, 404, "session_not_found", "Session not found: " + sessionId, requestId);
        return;
      }
    }
    HttpServletRequest forwarded = request;
    boolean clientResponse = false;
    if ("POST".equals(request.getMethod())) {
      Charset charset = charset(request.getHeader("Content-Type"));
      byte[] body;
      try {
        body = readBody(request);
      } catch (IOException | RuntimeException e) { // Jetty's EofException or BadMessageException
        refuse(response, 400, "unreadable_body",
            "the request body could not be read (malformed chunked encoding or cut short)", requestId);
        return;
      }
      if (body == null) {
        refuse(response, 413, "payload_too_large",
            "the request body is larger than the limit of " + maxRequestBytes + " bytes", requestId);
        return;
      }
      McpMessageCheck.Verdict verdict = messages.check(new String(body, charset));
      if (verdict instanceof McpMessageCheck.Refuse refusal) {
        REFUSALS.debug("MCP message refused: {} {}", refusal.status(), refusal.code());
        refuse(response, refusal.status(), refusal.id(), refusal.rpcCode(), refusal.code(), refusal.message(), requestId);
        return;
      }
      if (verdict instanceof McpMessageCheck.Drop) {
        REFUSALS.debug("MCP notification dropped: no handler for its method");
        response.setStatus(202);
        return;
      }
      clientResponse = ((McpMessageCheck.Pass) verdict).response();
      forwarded = new ReadBodyRequest(request, body, charset);
    }
    // A request without a session may create one (initialize): it takes a slot first, given back if not.
    boolean opening = sessionId == null && "POST".equals(request.getMethod());
    if (opening && !limits.tryReserve(principal.keyId())) {
      refuse(response, 429, "too_many_sessions",
          "this key already has " + limits.maxPerKey() + " open MCP sessions, the most allowed: end one with"
              + " DELETE (Mcp-Session-Id) or reuse it; idle sessions also expire", requestId);
      return;
    }
    forwarded.setAttribute(PRINCIPAL, principal);
    forwarded.setAttribute(REQUEST_ID, requestId);
    ShortErrorResponse shielded = new ShortErrorResponse(response);
    String created = null;
    try {
      chain.doFilter(forwarded, shielded);
      // initialize answers (synchronously) with the new session's id: from now on it is this key's.
      created = opening && !shielded.failed() ? response.getHeader(SESSION_HEADER) : null;
      if (created != null) {
        owners.put(created, principal.keyId());
      }
    } finally {
      if (opening && created == null) {
        limits.release(principal.keyId());
      }
    }
    if (shielded.failed()) {
      replaceSdkError(response, shielded, clientResponse, requestId);
      return;
    }
    if (sessionId != null && "DELETE".equals(request.getMethod()) && response.getStatus() == 200) {
      sessionClosed(sessionId);
    }
  }

  /**
   * Answers in place of the SDK's error body. After {@link McpMessageCheck} the SDK fails a client's
   * message in one way only: a response whose id no question of this server is waiting for (an
   * inline approval answered twice or too late), which it reports as a 500.
   */
  private static void replaceSdkError(
      HttpServletResponse response, ShortErrorResponse shielded, boolean clientResponse, String requestId)
      throws IOException {
    int status = response.getStatus();
    String code;
    String message;
    if (clientResponse && status == 500) {
      status = 400;
      code = "unknown_response_id";
      message = "no request of this server is waiting for a response with this id (answered already, or timed out)";
    } else {
      code = switch (status) {
        case 400 -> "invalid_message";
        case 404 -> "session_not_found";
        case 405 -> "method_not_allowed";
        case 413 -> "payload_too_large";
        case 415 -> "unsupported_media_type";
        case 503 -> "unavailable";
        default -> status >= 500 ? "internal_error" : "http_" + status;
      };
      String sdk = shielded.sdkMessage();
      message = sdk != null && status < 500 ? sdk : "the MCP endpoint answered " + status;
    }
    if (status >= 500) {
      REFUSALS.error("the MCP SDK failed a request with {} ({})", status, code);
    } else {
      REFUSALS.debug("the MCP SDK refused a request: {} {}", status, code);
    }
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    refuse(response, status, code, message, requestId);
  }

  /** The whole body, or null when it is longer than the limit. */
  private byte[] readBody(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxRequestBytes) {
      return null;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    InputStream in = request.getInputStream();
    for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
      body.write(buffer, 0, read);
      if (body.size() > maxRequestBytes) {
        return null;
      }
    }
    return body.toByteArray();
  }

  /** The declared charset, known to be supported by {@link #unknownCharset}; UTF-8 when none is declared. */
  private static Charset charset(String contentType) {
    Matcher declared = contentType == null ? null : CHARSET.matcher(contentType);
    if (declared == null || !declared.find() || declared.group(1).isBlank()) {
      return StandardCharsets.UTF_8;
    }
    return Charset.forName(declared.group(1).strip());
  }

  /**
   * The charset a Content-Type declares when this JVM does not know it, else null. The SDK would
   * fail decoding such a body with a 500; it is the client's mistake.
   */
  static String unknownCharset(String contentType) {
    Matcher declared = contentType == null ? null : CHARSET.matcher(contentType);
    if (declared == null || !declared.find()) {
      return null;
    }
    // An empty name ("charset=" or an unclosed quote) is no charset either: Jetty fails on it with a 500.
    String name = declared.group(1).strip();
    try {
      return Charset.isSupported(name) ? null : name;
    } catch (IllegalArgumentException e) { // an illegal charset name
      return name;
    }
  }

  /** A refusal with a JSON-RPC error body; {@code data.code} is the stable reason. */
  private static void refuse(HttpServletResponse response, int status, String code, String message, String requestId)
      throws IOException {
    refuse(response, status, NullNode.getInstance(), -32000, code, message, requestId);
  }

  private static void refuse(
      HttpServletResponse response, int status, JsonNode id, int rpcCode, String code, String message, String requestId)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":" + Json.write(id) + ",\"error\":{\"code\":" + rpcCode + ",\"message\":"
            + quote(message) + ",\"data\":{\"code\":" + quote(code) + ",\"request_id\":" + quote(requestId) + "}}}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String text) {
    return Json.write(TextNode.valueOf(text));
  }
}
