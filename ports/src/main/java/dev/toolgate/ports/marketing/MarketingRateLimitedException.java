package dev.toolgate.ports.marketing;

import dev.toolgate.ports.UnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The account's request quota upstream (or the adapter's limiter that keeps it under that quota) is
 * exhausted for longer than the adapter is willing to wait. Retryable later.
 */
public class MarketingRateLimitedException extends UnavailableException {
  private static final long serialVersionUID = 1L;

  private final String clientKey;
  private final Duration retryAfter;

  /**
   * @param retryAfter how long until a new request may succeed, or null when unknown
   */
  public MarketingRateLimitedException(String clientKey, String message, Duration retryAfter) {
    super(message);
    this.clientKey = Objects.requireNonNull(clientKey, "clientKey");
    this.retryAfter = retryAfter;
  }

  /** The client whose quota is exhausted. */
  public String clientKey() {
    return clientKey;
  }

  /** How long until a new request may succeed, if known. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
