package dev.toolgate.adapter.mcp;

import java.util.List;
import java.util.regex.Pattern;

/** Tool-name patterns of the servers file: {@code *} matches any run of characters, {@code ?} one. */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String name) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return name.matches(regex.toString());
  }

  static boolean any(List<String> patterns, String name) {
    return patterns.stream().anyMatch(p -> matches(p, name));
  }
}
