package dev.toolgate.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Cursor pagination of MCP lists. A cursor names the last item of the previous page, so a list that
 * changes between pages neither repeats nor skips the items that stayed. Cursors are opaque to clients.
 */
final class Pages {
  private static final String PREFIX = "after:";

  private Pages() {}

  /**
   * The page after {@code cursor} (the first page when it is null), items ordered by name.
   *
   * @throws McpError invalid params when the cursor is not one this server issued
   */
  static <T> Page<T> page(List<T> items, Function<T, String> name, String cursor, int size) {
    String after = cursor == null ? null : decode(cursor);
    List<T> rest =
        items.stream()
            .sorted(Comparator.comparing(name))
            .filter(item -> after == null || name.apply(item).compareTo(after) > 0)
            .toList();
    List<T> page = rest.subList(0, Math.min(size, rest.size()));
    String next = rest.size() > size ? encode(name.apply(page.get(page.size() - 1))) : null;
    return new Page<>(List.copyOf(page), next);
  }

  private static String encode(String last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + last).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        return text.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // reported below like any other foreign cursor
    }
    throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
        .message("Invalid cursor: '" + cursor + "' was not returned by this server as nextCursor")
        .build();
  }

  /** One page and the cursor of the next one (null on the last page). */
  record Page<T>(List<T> items, String nextCursor) {}
}
