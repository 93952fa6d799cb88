package dev.toolgate.ports.marketing;

import dev.toolgate.ports.PortException;
import java.util.Objects;

/**
 * The marketing platform refused the client's API key: missing, revoked, or lacking a scope the
 * operation needs. Not retryable: the same key fails again until someone fixes it. The message names
 * the client and never contains the key.
 */
public class MarketingCredentialsException extends PortException {
  private static final long serialVersionUID = 1L;

  private final String clientKey;

  public MarketingCredentialsException(String clientKey, String message) {
    super(message);
    this.clientKey = Objects.requireNonNull(clientKey, "clientKey");
  }

  /** The client whose credentials were refused. */
  public String clientKey() {
    return clientKey;
  }
}
