package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads a toolset's JSON Schemas kept as classpath resources next to a class, e.g.
 * {@code create_ticket.input.json} beside the tool that uses it. A missing or malformed resource is a
 * packaging bug and fails at once, naming the resource.
 */
public final class ToolSchemas {
  private ToolSchemas() {}

  /** The resource {@code name} in {@code owner}'s package, parsed. */
  public static JsonNode load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema resource '" + name + "' is missing beside " + owner.getName());
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource '" + name + "' beside " + owner.getName(), e);
    }
  }

  /** {@code <tool>.input.json} beside {@code owner}. */
  public static JsonNode input(Class<?> owner, String tool) {
    return load(owner, tool + ".input.json");
  }

  /** {@code <tool>.output.json} beside {@code owner}. */
  public static JsonNode output(Class<?> owner, String tool) {
    return load(owner, tool + ".output.json");
  }
}
