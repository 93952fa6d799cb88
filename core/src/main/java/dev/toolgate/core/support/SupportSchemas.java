package dev.toolgate.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the toolset's JSON Schemas, kept as {@code <tool>.input.json} / {@code <tool>.output.json} resources next to this class. */
final class SupportSchemas {
  private SupportSchemas() {}

  static JsonNode input(String tool) {
    return load(tool + ".input.json");
  }

  static JsonNode output(String tool) {
    return load(tool + ".output.json");
  }

  private static JsonNode load(String resource) {
    try (InputStream in = SupportSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource '" + resource + "' is missing from the classpath");
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource '" + resource + "'", e);
    }
  }
}
