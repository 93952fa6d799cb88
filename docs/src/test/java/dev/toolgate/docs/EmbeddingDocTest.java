package dev.toolgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/embedding.md} equal to the compiled tests it shows: each Java block in the page
 * follows a marker {@code <!-- snippet: FILE#TAG -->} and must be exactly the region between
 * {@code // tag::TAG[]} and {@code // end::TAG[]} of that file (less their common indentation). The
 * tests are the source of truth: change them, then copy the region into the page.
 */
class EmbeddingDocTest {
  private static final Path PAGE = Path.of("embedding.md");
  private static final Pattern BLOCK =
      Pattern.compile("(?:<!-- snippet: (\\S+)#(\\S+) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaBlockOfThePageIsARegionOfACompiledTest() throws IOException {
    String page = read(PAGE);
    Matcher blocks = BLOCK.matcher(page);
    int checked = 0;
    while (blocks.find()) {
      assertThat(blocks.group(1))
          .as("a Java block of %s without a snippet marker (it would not be checked):%n%s", PAGE, blocks.group(3))
          .isNotNull();
      String region = region(Path.of(blocks.group(1)), blocks.group(2));
      assertThat(blocks.group(3))
          .as("%s: the block of %s#%s differs from the test; copy the region into the page", PAGE,
              blocks.group(1), blocks.group(2))
          .isEqualTo(region);
      checked++;
    }
    assertThat(checked).as("snippets checked in %s", PAGE).isGreaterThanOrEqualTo(3);
  }

  /** The lines between the tag markers, without their common indentation, each ending in a line break. */
  static String region(Path file, String tag) throws IOException {
    List<String> lines = read(file).lines().toList();
    int start = indexOf(lines, "// tag::" + tag + "[]", file);
    int end = indexOf(lines, "// end::" + tag + "[]", file);
    List<String> body = new ArrayList<>(lines.subList(start + 1, end));
    int indent =
        body.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder text = new StringBuilder();
    body.forEach(line -> text.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
    return text.toString();
  }

  private static int indexOf(List<String> lines, String marker, Path file) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("no line '" + marker + "' in " + file);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }
}
