package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One block of a tool's result, as MCP defines content blocks: text, image, audio, an embedded
 * resource or a link to a resource. {@code annotations} and {@code meta} carry the block's MCP
 * {@code annotations} and {@code _meta} through unchanged (both may be null), so a result from an
 * upstream MCP server reaches the caller as it was.
 */
public sealed interface ToolContent {
  /** MCP {@code annotations} of the block (audience, priority, lastModified), or null. */
  JsonNode annotations();

  /** MCP {@code _meta} of the block, or null. */
  JsonNode meta();

  static Text text(String text) {
    return new Text(text, null, null);
  }

  /** Plain text. */
  record Text(String text, JsonNode annotations, JsonNode meta) implements ToolContent {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** An image, base64-encoded. */
  record Image(String data, String mimeType, JsonNode annotations, JsonNode meta) implements ToolContent {
    public Image {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(mimeType, "mimeType");
    }
  }

  /** Audio, base64-encoded. */
  record Audio(String data, String mimeType, JsonNode annotations, JsonNode meta) implements ToolContent {
    public Audio {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(mimeType, "mimeType");
    }
  }

  /**
   * A resource's contents embedded in the result: exactly one of {@code text} and {@code blob}
   * (base64) is set.
   */
  record EmbeddedResource(
      String uri, String mimeType, String text, String blob, JsonNode annotations, JsonNode meta)
      implements ToolContent {
    public EmbeddedResource {
      Objects.requireNonNull(uri, "uri");
      if ((text == null) == (blob == null)) {
        throw new IllegalArgumentException("embedded resource " + uri + " needs exactly one of text and blob");
      }
    }
  }

  /** A link to a resource the caller may read; everything but {@code uri} and {@code name} may be null. */
  record ResourceLink(
      String uri,
      String name,
      String title,
      String description,
      String mimeType,
      Long size,
      JsonNode annotations,
      JsonNode meta)
      implements ToolContent {
    public ResourceLink {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(name, "name");
    }
  }
}
