package dev.toolgate.adapter.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Klaviyo reference fixtures in {@code src/test/resources/klaviyo/}. */
final class Fixtures {
  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/klaviyo/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    return Json.parse(text(name));
  }

  /** The document with only the {@code data[]} items whose id is in {@code ids} (all when null). */
  static String keepIds(String document, List<String> ids) {
    JsonNode root = Json.parse(document);
    if (ids != null) {
      ArrayNode data = (ArrayNode) root.path("data");
      for (int i = data.size() - 1; i >= 0; i--) {
        if (!ids.contains(data.get(i).path("id").asText())) {
          data.remove(i);
        }
      }
    }
    return Json.write(root);
  }

  /** The values-report fixture's result rows. */
  static List<JsonNode> results(String reportFixture) {
    List<JsonNode> rows = new ArrayList<>();
    json(reportFixture).path("data").path("attributes").path("results").forEach(rows::add);
    return rows;
  }

  /** A values-report document holding {@code rows}, with {@code next} as its {@code links.next} (may be null). */
  static String report(String reportFixture, List<JsonNode> rows, String next) {
    ObjectNode root = (ObjectNode) json(reportFixture);
    ArrayNode results = ((ObjectNode) root.path("data").path("attributes")).putArray("results");
    rows.forEach(results::add);
    ((ObjectNode) root.path("links")).put("next", next);
    return Json.write(root);
  }
}
