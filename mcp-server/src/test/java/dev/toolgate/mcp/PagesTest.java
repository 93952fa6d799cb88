package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagesTest {
  private static final List<String> NAMES = List.of("e", "a", "d", "b", "c");

  @Test
  void pagesWalkTheSortedListOnceAndTheLastPageHasNoCursor() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Pages.Page<String> page = Pages.page(NAMES, Function.identity(), cursor, 2);
      seen.addAll(page.items());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).containsExactly("a", "b", "c", "d", "e");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aListThatFitsHasOnePageWithoutCursor() {
    Pages.Page<String> page = Pages.page(NAMES, Function.identity(), null, 5);

    assertThat(page.items()).hasSize(5);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void aCursorStillWorksWhenTheListChangesBetweenPages() {
    String cursor = Pages.page(NAMES, Function.identity(), null, 2).nextCursor();

    Pages.Page<String> next = Pages.page(List.of("a", "c", "d", "e"), Function.identity(), cursor, 2);

    assertThat(next.items()).containsExactly("c", "d");
  }

  @Test
  void aCursorThisServerDidNotIssueIsInvalidParams() {
    assertThatThrownBy(() -> Pages.page(NAMES, Function.identity(), "not-a-cursor!", 2))
        .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32602));
    assertThatThrownBy(() -> Pages.page(NAMES, Function.identity(), "Zm9v", 2)).isInstanceOf(McpError.class);
  }
}
