package dev.toolgate.core.chat.model;

import java.util.Optional;

/** A client's own API key for a model provider, when it stored one; looked up per model call. */
@FunctionalInterface
public interface ClientModelKeys {
  /** No client has its own key: every call uses the server's. */
  ClientModelKeys NONE = (clientKey, provider) -> Optional.empty();

  /**
   * @param clientKey which client
   * @param provider the configured provider's name, e.g. {@code openai}
   * @return the client's key in plain text (never log it), or empty for the server's
   */
  Optional<String> find(String clientKey, String provider);
}
