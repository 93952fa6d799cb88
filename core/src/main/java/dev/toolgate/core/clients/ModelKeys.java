package dev.toolgate.core.clients;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Where a client's own model-provider API keys live among its secrets: one sealed secret
 * {@code model_api_key.<provider>} per provider (e.g. {@code model_api_key.openai}), stored and listed
 * like the Klaviyo key, so the secret store and its encryption need nothing new.
 */
public final class ModelKeys {
  private static final String PREFIX = "model_api_key.";
  /** Shorter values are typing mistakes: every provider's keys are far longer. */
  static final int MIN_LENGTH = 8;

  private ModelKeys() {}

  /** The secret name under which a client's key for {@code provider} is stored. */
  public static String secretName(String provider) {
    Objects.requireNonNull(provider, "provider");
    return PREFIX + provider;
  }

  /** The provider a secret name holds a key for, or null when it is no model key. */
  public static String provider(String secretName) {
    return secretName.startsWith(PREFIX) ? secretName.substring(PREFIX.length()) : null;
  }

  /** The providers among {@code secretNames} that the client has its own key for, sorted. */
  public static List<String> providers(Collection<String> secretNames) {
    return secretNames.stream().map(ModelKeys::provider).filter(Objects::nonNull).sorted().toList();
  }

  /** The providers of configured {@code provider/model} names, in order, once each. */
  static List<String> configuredProviders(List<String> models) {
    return models.stream().map(name -> name.substring(0, Math.max(0, name.indexOf('/')))).distinct().toList();
  }
}
