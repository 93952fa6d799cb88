package dev.toolgate.adapter.llm;

/** Short, single-line excerpts of provider text for error messages. */
final class ErrorText {
  private static final int MAX = 200;

  private ErrorText() {}

  static String snippet(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
  }
}
