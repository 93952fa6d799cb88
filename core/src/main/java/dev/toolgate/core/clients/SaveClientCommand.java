package dev.toolgate.core.clients;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.RateLimitSpec;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a client or changes one: every field left null keeps what the client has (or, for a new
 * client, the default), so an update changes only what is given.
 *
 * @param admin who saves it (must be an admin)
 * @param clientKey which client
 * @param displayName the human name; required for a new client
 * @param timeZone the client's time zone; a new client defaults to UTC
 * @param marketingBackend where marketing figures come from; when null, storing a
 *     {@code klaviyo_api_key} secret makes it Klaviyo, otherwise it is kept (a new client: none)
 * @param defaultModel if not null: the model the client's chat uses when a message names none, or
 *     empty to use the gateway's default again; checked against the configured models
 * @param allowTools if not null, replaces the client's allowlist
 * @param denyTools if not null, replaces the client's deny list
 * @param rateLimit if not null: a limit to set, or empty to remove the client's limit
 * @param secrets secrets to store encrypted with the client, by name (e.g. {@code klaviyo_api_key});
 *     never returned or logged
 * @param requestId the request id for the audit record
 */
public record SaveClientCommand(
    Principal admin,
    String clientKey,
    String displayName,
    ZoneId timeZone,
    MarketingBackend marketingBackend,
    Optional<String> defaultModel,
    Set<String> allowTools,
    Set<String> denyTools,
    Optional<RateLimitSpec> rateLimit,
    Map<String, String> secrets,
    String requestId) {
  public SaveClientCommand {
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(requestId, "requestId");
    allowTools = allowTools == null ? null : Set.copyOf(allowTools);
    denyTools = denyTools == null ? null : Set.copyOf(denyTools);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
  }

  /** Saves exactly {@code profile}: every field given (a null rate limit removes the client's limit). */
  public static SaveClientCommand of(Principal admin, ClientProfile profile, String requestId) {
    return new SaveClientCommand(
        admin,
        profile.clientKey(),
        profile.displayName(),
        profile.timeZone(),
        profile.marketingBackend(),
        Optional.ofNullable(profile.defaultModel()),
        profile.allowTools(),
        profile.denyTools(),
        Optional.ofNullable(profile.rateLimit()),
        Map.of(),
        requestId);
  }

  /** Names the secrets, never their values. */
  @Override
  public String toString() {
    return "SaveClientCommand[clientKey=" + clientKey + ", secrets=" + secrets.keySet() + "]";
  }
}
