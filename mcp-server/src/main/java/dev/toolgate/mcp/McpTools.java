package dev.toolgate.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a gateway tool looks to an MCP client, and how an MCP call's arguments become a gateway call.
 * Tools with side effects take an optional {@code idempotency_key}: as an argument (added to the
 * input schema shown, so that a model can fill it in) or as {@code _meta.idempotency_key}. It is taken
 * out before the arguments reach the pipeline, which validates them against the tool's own schema.
 */
final class McpTools {
  static final String IDEMPOTENCY_KEY = "idempotency_key";
  /** Prefix of Toolgate's own {@code _meta} keys, as MCP asks of extensions. */
  static final String META = "dev.toolgate/";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private McpTools() {}

  /** Whether MCP callers may pass an idempotency key as an argument of this tool. */
  static boolean takesIdempotencyKey(ToolDefinition tool) {
    // A tool that has an argument of that name keeps it: it is the tool's, not ours.
    return tool.annotations().hasSideEffects() && !tool.inputSchema().path("properties").has(IDEMPOTENCY_KEY);
  }

  /** @param tool as the catalog serves it (so its approval flag includes configured policy) */
  static McpSchema.Tool toMcp(ToolDefinition tool) {
    ToolAnnotations a = tool.annotations();
    boolean requiresApproval = a.requiresApproval();
    String description = tool.description();
    if (requiresApproval) {
      description += " Every call waits for a human approval before it runs: the result names the approval and how"
          + " to get the outcome.";
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(META + "category", tool.category().wireName());
    meta.put(META + "requires_approval", requiresApproval);
    meta.put(META + "version", tool.version());
    return McpSchema.Tool.builder(tool.name())
        .title(tool.title())
        .description(description)
        .inputSchema(map(inputSchema(tool)))
        .outputSchema(map(tool.outputSchema()))
        .annotations(
            McpSchema.ToolAnnotations.builder()
                .title(tool.title())
                .readOnlyHint(a.readOnly())
                .destructiveHint(!a.readOnly() && a.destructive())
                .idempotentHint(a.idempotent())
                .openWorldHint(a.openWorld())
                .build())
        .meta(meta)
        .build();
  }

  private static JsonNode inputSchema(ToolDefinition tool) {
    if (!takesIdempotencyKey(tool)) {
      return tool.inputSchema();
    }
    ObjectNode schema = tool.inputSchema().deepCopy();
    ObjectNode key =
        (schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties"))
            .putObject(IDEMPOTENCY_KEY);
    key.put("type", "string");
    key.put("minLength", 1);
    key.put("maxLength", 255);
    key.put("pattern", "^[\\x21-\\x7e]+$");
    key.put(
        "description",
        "Optional. A key you choose (1-255 printable characters, no spaces) that makes this call safe to retry:"
            + " a second call with the same key and arguments returns the first call's result instead of acting"
            + " again. Use a new key for a new action.");
    return schema;
  }

  static Map<String, Object> map(JsonNode node) {
    return Json.mapper().convertValue(node, MAP);
  }

  /**
   * An MCP call's arguments split into the tool's own arguments and the idempotency key.
   *
   * @param tool the tool as the caller may see it, or null when it is unknown or hidden (then nothing is
   *     taken out of the arguments: the pipeline answers for the tool)
   */
  static Split split(ToolDefinition tool, Map<String, Object> arguments, Map<String, Object> meta) {
    JsonNode given = arguments == null ? Json.object() : Json.mapper().valueToTree(arguments);
    ObjectNode args = given.isObject() ? (ObjectNode) given : Json.object();
    String fromArguments = null;
    if (tool != null && takesIdempotencyKey(tool) && args.has(IDEMPOTENCY_KEY)) {
      JsonNode value = args.remove(IDEMPOTENCY_KEY);
      if (!value.isTextual()) {
        return Split.invalid("the idempotency key must be a string, got " + value.getNodeType());
      }
      fromArguments = value.asText();
    }
    Object metaValue = meta == null ? null : meta.get(IDEMPOTENCY_KEY);
    if (metaValue != null && !(metaValue instanceof String)) {
      return Split.invalid("_meta.idempotency_key must be a string");
    }
    String fromMeta = (String) metaValue;
    if (fromArguments != null && fromMeta != null && !fromArguments.equals(fromMeta)) {
      return Split.invalid("the idempotency_key argument and _meta.idempotency_key differ; send one of them");
    }
    return new Split(args, fromArguments != null ? fromArguments : fromMeta, null);
  }

  /**
   * @param arguments the tool's own arguments
   * @param idempotencyKey the caller's key, or null
   * @param problem why the call cannot be made as given, or null
   */
  record Split(JsonNode arguments, String idempotencyKey, FieldError problem) {
    static Split invalid(String message) {
      return new Split(Json.object(), null, new FieldError(IDEMPOTENCY_KEY, message));
    }
  }
}
