package dev.toolgate.adapter.llm;

import java.util.List;

/**
 * A provider's settings are invalid. The message lists every problem, one per line, each starting
 * with its field path ({@code llm.providers.<name>.<field>}); {@link #problems()} has them as a list.
 */
public final class LlmConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  LlmConfigException(List<String> problems) {
    super("invalid model provider settings:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code field: what is wrong, got value}. */
  public List<String> problems() {
    return problems;
  }
}
