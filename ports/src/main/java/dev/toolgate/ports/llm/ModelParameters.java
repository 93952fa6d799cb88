package dev.toolgate.ports.llm;

/**
 * Sampling parameters of one request; a null field means "the provider's configured default".
 *
 * @param temperature between 0 and 2
 * @param maxTokens the most tokens the reply may have, at least 1
 * @param topP between 0 and 1
 */
public record ModelParameters(Double temperature, Integer maxTokens, Double topP) {

  /** No overrides: every parameter comes from the provider's configuration. */
  public static final ModelParameters DEFAULTS = new ModelParameters(null, null, null);

  public ModelParameters {
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    if (topP != null && !(topP >= 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be between 0 and 1, got " + topP);
    }
  }
}
