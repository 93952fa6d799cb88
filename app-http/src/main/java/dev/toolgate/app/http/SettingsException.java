package dev.toolgate.app.http;

import java.util.List;

/** The settings cannot be used; {@link #problems()} has one message per bad setting, each naming it. */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SettingsException(List<String> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String render(List<String> problems) {
    StringBuilder text =
        new StringBuilder(problems.size() == 1 ? "1 bad setting:" : problems.size() + " bad settings:");
    problems.forEach(problem -> text.append("\n  - ").append(problem));
    return text.toString();
  }
}
