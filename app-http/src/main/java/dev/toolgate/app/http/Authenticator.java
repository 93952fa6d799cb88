package dev.toolgate.app.http;

import dev.toolgate.core.Principal;
import dev.toolgate.core.auth.ApiKeysUseCase;
import dev.toolgate.core.auth.PresentedKeys;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Resolves the caller from {@code Authorization: Bearer}, {@code X-API-Key} or {@code X-Proxy-Key}
 * (in that order of preference). The key itself is never logged or echoed.
 */
final class Authenticator {
  private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"toolgate\"");
  private static final Map<String, String> INVALID_CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"toolgate\", error=\"invalid_token\"");

  private static final String ATTR_PRINCIPAL = "toolgate.principal";

  private final ApiKeysUseCase keys;

  Authenticator(ApiKeysUseCase keys) {
    this.keys = keys;
  }

  /**
   * The before-filter every request passes: all routes but the health checks (and CORS preflights)
   * need a key, whatever the method. Javalin answers {@code HEAD} for a GET route without running
   * the route's handler, so authenticating inside handlers alone would let {@code HEAD} through.
   */
  void before(Context ctx) {
    if (ctx.method() == HandlerType.OPTIONS) {
      return;
    }
    String path = ctx.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    // The WebSocket upgrade authenticates itself: a browser brings a ticket, not a header.
    if (!HealthRoutes.PATHS.contains(path) && !path.equals(WsChatRoutes.PATH)) {
      require(ctx);
    }
  }

  /** The caller, or a 401 {@link ApiException} ({@code unauthenticated} or {@code invalid_key}). */
  Principal require(Context ctx) {
    Principal known = ctx.attribute(ATTR_PRINCIPAL);
    if (known != null) {
      return known;
    }
    String presented = PresentedKeys.from(ctx::header);
    if (presented == null) {
      throw new ApiException(
          401,
          "unauthenticated",
          "an API key is required: send it as 'Authorization: Bearer <key>', 'X-API-Key' or 'X-Proxy-Key'",
          null,
          CHALLENGE);
    }
    Principal principal =
        keys.authenticate(presented)
            .orElseThrow(
                () ->
                    new ApiException(
                        401, "invalid_key", "the API key is unknown or revoked", null, INVALID_CHALLENGE));
    MDC.put(RequestLifecycle.MDC_KEY_ID, principal.keyId());
    ctx.attribute(ATTR_PRINCIPAL, principal);
    return principal;
  }
}
