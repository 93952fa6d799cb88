package dev.toolgate.ports.llm;

/**
 * Counts the tokens of a text as a model's tokenizer would, so a caller can fit a conversation into
 * the model's context before sending it. An estimate for models whose tokenizer is not public.
 * Thread-safe; never throws for any text.
 */
@FunctionalInterface
public interface TokenCounter {

  /**
   * A tokenizer-free rough count, about four characters a token (English prose), rounded up; for
   * tests and for when no tokenizer is available.
   */
  TokenCounter ROUGH = text -> text == null ? 0 : (text.length() + 3) / 4;

  /** The tokens of {@code text}; 0 for null or empty. */
  long count(String text);
}
