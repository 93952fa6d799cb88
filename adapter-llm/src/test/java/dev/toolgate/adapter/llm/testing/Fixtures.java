package dev.toolgate.adapter.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The provider reference fixtures (copied from /work/shared/reference/llm into test resources). */
public final class Fixtures {
  private Fixtures() {}

  public static String text(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/llm/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture llm/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String path) {
    return Json.parse(text(path));
  }

  /** The events of an {@code .sse.txt} file: blocks separated by one blank line, without the separator. */
  public static List<String> events(String path) {
    List<String> events = new ArrayList<>();
    for (String block : text(path).replace("\r\n", "\n").split("\n\n")) {
      if (!block.isBlank()) {
        events.add(block.strip());
      }
    }
    return events;
  }
}
