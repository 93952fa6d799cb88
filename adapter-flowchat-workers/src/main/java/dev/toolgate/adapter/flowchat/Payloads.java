package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.util.Iterator;
import java.util.Map;

/** Builds worker request bodies from tool arguments. */
final class Payloads {
  private Payloads() {}

  /** The non-null arguments, each under its contract name ({@code rename} maps tool name → contract name). */
  static ObjectNode renamed(JsonNode arguments, Map<String, String> rename) {
    ObjectNode body = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = arguments.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> arg = it.next();
      if (!arg.getValue().isNull()) {
        body.set(rename.getOrDefault(arg.getKey(), arg.getKey()), arg.getValue());
      }
    }
    return body;
  }

  /** Copies the listed fields that are present. */
  static ObjectNode pick(JsonNode from, String... fields) {
    ObjectNode out = Json.object();
    for (String f : fields) {
      if (from.hasNonNull(f)) {
        out.set(f, from.get(f));
      }
    }
    return out;
  }
}
