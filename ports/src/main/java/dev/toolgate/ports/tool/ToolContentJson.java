package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;

/** Content blocks in MCP's wire form, both ways. */
final class ToolContentJson {
  private ToolContentJson() {}

  static ObjectNode write(ToolContent block) {
    ObjectNode node = Json.object();
    if (block instanceof ToolContent.Text t) {
      node.put("type", "text").put("text", t.text());
    } else if (block instanceof ToolContent.Image i) {
      node.put("type", "image").put("data", i.data()).put("mimeType", i.mimeType());
    } else if (block instanceof ToolContent.Audio a) {
      node.put("type", "audio").put("data", a.data()).put("mimeType", a.mimeType());
    } else if (block instanceof ToolContent.EmbeddedResource r) {
      ObjectNode resource = node.put("type", "resource").putObject("resource");
      resource.put("uri", r.uri());
      putIfSet(resource, "mimeType", r.mimeType());
      putIfSet(resource, "text", r.text());
      putIfSet(resource, "blob", r.blob());
    } else if (block instanceof ToolContent.ResourceLink l) {
      node.put("type", "resource_link").put("uri", l.uri()).put("name", l.name());
      putIfSet(node, "title", l.title());
      putIfSet(node, "description", l.description());
      putIfSet(node, "mimeType", l.mimeType());
      if (l.size() != null) {
        node.put("size", l.size());
      }
    }
    if (block.annotations() != null) {
      node.set("annotations", block.annotations());
    }
    if (block.meta() != null) {
      node.set("_meta", block.meta());
    }
    return node;
  }

  static ToolContent read(JsonNode node) {
    JsonNode annotations = optional(node, "annotations");
    JsonNode meta = optional(node, "_meta");
    String type = node.path("type").asText("");
    return switch (type) {
      case "text" -> new ToolContent.Text(required(node, "text"), annotations, meta);
      case "image" -> new ToolContent.Image(required(node, "data"), required(node, "mimeType"), annotations, meta);
      case "audio" -> new ToolContent.Audio(required(node, "data"), required(node, "mimeType"), annotations, meta);
      case "resource" -> {
        JsonNode resource = node.path("resource");
        yield new ToolContent.EmbeddedResource(
            required(resource, "uri"), text(resource, "mimeType"), text(resource, "text"), text(resource, "blob"),
            annotations, meta);
      }
      case "resource_link" -> new ToolContent.ResourceLink(
          required(node, "uri"), required(node, "name"), text(node, "title"), text(node, "description"),
          text(node, "mimeType"), node.hasNonNull("size") ? node.get("size").asLong() : null, annotations, meta);
      default -> throw new IllegalArgumentException("unknown content block type '" + type + "'");
    };
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      throw new IllegalArgumentException("content block lacks '" + field + "': " + Json.write(node));
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }
}
