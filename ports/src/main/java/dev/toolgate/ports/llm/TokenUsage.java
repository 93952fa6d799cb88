package dev.toolgate.ports.llm;

/**
 * Tokens one request consumed.
 *
 * @param input prompt tokens, as the provider counts them (cached tokens included)
 * @param output reply tokens (reasoning tokens included)
 * @param estimated true when the provider reported no usage and the adapter counted with a tokenizer
 */
public record TokenUsage(long input, long output, boolean estimated) {

  public TokenUsage {
    if (input < 0) {
      throw new IllegalArgumentException("input tokens must not be negative, got " + input);
    }
    if (output < 0) {
      throw new IllegalArgumentException("output tokens must not be negative, got " + output);
    }
  }

  public long total() {
    return input + output;
  }
}
