package dev.toolgate.core.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the toolset's JSON Schemas, kept as resources next to this class. */
final class MarketingSchemas {
  private MarketingSchemas() {}

  static JsonNode load(String resource) {
    try (InputStream in = MarketingSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource '" + resource + "' is missing from the classpath");
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource '" + resource + "'", e);
    }
  }
}
