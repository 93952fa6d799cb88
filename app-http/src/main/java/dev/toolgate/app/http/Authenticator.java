package dev.toolgate.app.http;

import dev.toolgate.core.Principal;
import dev.toolgate.core.auth.ApiKeysUseCase;
import dev.toolgate.core.auth.PresentedKeys;
import io.javalin.http.Context;
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

  private final ApiKeysUseCase keys;

  Authenticator(ApiKeysUseCase keys) {
    this.keys = keys;
  }

  /** The caller, or a 401 {@link ApiException} ({@code unauthenticated} or {@code invalid_key}). */
  Principal require(Context ctx) {
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
    return principal;
  }
}
