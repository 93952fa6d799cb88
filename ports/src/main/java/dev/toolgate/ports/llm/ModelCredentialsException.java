package dev.toolgate.ports.llm;

import dev.toolgate.ports.PortException;
import java.util.Objects;

/**
 * The model provider refused the API key (HTTP 401 or 403): missing, revoked, or without access to
 * the model. Not retryable: the same key fails again until someone fixes it. The message names the
 * provider and never contains the key.
 */
public class ModelCredentialsException extends PortException {
  private static final long serialVersionUID = 1L;

  private final String provider;

  public ModelCredentialsException(String provider, String message) {
    super(message);
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** The provider that refused the key. */
  public String provider() {
    return provider;
  }
}
