package dev.toolgate.ports.auth;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A client (tenant) whose data tools act on, with its own policy and limits. Never holds secrets.
 *
 * @param clientKey stable identifier, e.g. {@code demo}
 * @param displayName human name
 * @param timeZone the client's time zone, for resolving dates
 * @param allowTools if not empty, only these tools may be called for this client
 * @param denyTools these tools may never be called for this client (deny wins)
 * @param rateLimit the client's limit across all its keys, or null for none
 * @param marketingBackend where the client's marketing figures come from; never null
 * @param defaultModel the model its chat uses when a message names none ({@code provider/model} or a
 *     model name), or null for the gateway's default
 */
public record ClientProfile(
    String clientKey,
    String displayName,
    ZoneId timeZone,
    Set<String> allowTools,
    Set<String> denyTools,
    RateLimitSpec rateLimit,
    MarketingBackend marketingBackend,
    String defaultModel) {

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public ClientProfile {
    Objects.requireNonNull(clientKey, "clientKey");
    if (!KEY.matcher(clientKey).matches()) {
      throw new IllegalArgumentException(
          "client key '" + clientKey + "' must be 1-64 lower-case letters, digits, '-' or '_'");
    }
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(timeZone, "timeZone");
    allowTools = Set.copyOf(allowTools);
    denyTools = Set.copyOf(denyTools);
    Objects.requireNonNull(marketingBackend, "marketingBackend");
    if (defaultModel != null && (defaultModel.isBlank() || defaultModel.length() > 200)) {
      throw new IllegalArgumentException(
          "default model must be null or 1-200 characters, got '" + defaultModel + "'");
    }
  }

  /** A profile whose chat uses the gateway's default model. */
  public ClientProfile(
      String clientKey,
      String displayName,
      ZoneId timeZone,
      Set<String> allowTools,
      Set<String> denyTools,
      RateLimitSpec rateLimit,
      MarketingBackend marketingBackend) {
    this(clientKey, displayName, timeZone, allowTools, denyTools, rateLimit, marketingBackend, null);
  }

  /** A profile without a marketing account ({@link MarketingBackend#NONE}). */
  public ClientProfile(
      String clientKey,
      String displayName,
      ZoneId timeZone,
      Set<String> allowTools,
      Set<String> denyTools,
      RateLimitSpec rateLimit) {
    this(clientKey, displayName, timeZone, allowTools, denyTools, rateLimit, MarketingBackend.NONE);
  }

  public ClientProfile withMarketingBackend(MarketingBackend backend) {
    return new ClientProfile(clientKey, displayName, timeZone, allowTools, denyTools, rateLimit, backend, defaultModel);
  }

  public ClientProfile withDefaultModel(String model) {
    return new ClientProfile(
        clientKey, displayName, timeZone, allowTools, denyTools, rateLimit, marketingBackend, model);
  }
}
