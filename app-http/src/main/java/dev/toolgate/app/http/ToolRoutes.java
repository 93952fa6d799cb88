package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolDefinition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Tool discovery and calls, in seed 001's shape ({@code GET /mcp/tools}, {@code POST /tools/{name}})
 * and seed 003's ({@code /mcp/tools/list}, {@code /mcp/tools/{name}/schema}, {@code /mcp/tools/call}).
 * A caller sees and may call only the tools policy allows it.
 */
final class ToolRoutes {
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final Set<String> CALL_FIELDS = Set.of("tool_name", "params", "idempotency_key");

  private final Toolgate toolgate;
  private final Authenticator auth;
  private final Requests requests;

  ToolRoutes(Toolgate toolgate, Authenticator auth, Requests requests) {
    this.toolgate = toolgate;
    this.auth = auth;
    this.requests = requests;
  }

  void register(RoutesConfig routes) {
    routes.get("/mcp/tools", this::discover);
    routes.get("/mcp/tools/list", this::list);
    routes.get("/mcp/tools/{name}/schema", this::schema);
    routes.post("/mcp/tools/call", this::callEnvelope);
    routes.post("/tools/{name}", this::callDirect);
  }

  private void discover(Context ctx) {
    Principal principal = auth.require(ctx);
    ObjectNode body = Json.object();
    ArrayNode tools = body.putArray("tools");
    toolgate.catalog().visibleTo(principal).forEach(tool -> tools.add(JsonViews.toolDetails(tool)));
    Replies.ok(ctx, body);
  }

  private void list(Context ctx) {
    Principal principal = auth.require(ctx);
    List<ToolDefinition> visible = toolgate.catalog().visibleTo(principal);
    ObjectNode body = Json.object();
    ArrayNode tools = body.putArray("tools");
    visible.forEach(
        tool ->
            tools.addObject()
                .put("name", tool.name())
                .put("category", tool.category().wireName())
                .put("description", tool.description()));
    body.put("total", visible.size());
    Replies.ok(ctx, body);
  }

  private void schema(Context ctx) {
    Principal principal = auth.require(ctx);
    String name = ctx.pathParam("name");
    var found = toolgate.catalog().find(principal, name);
    if (found.isEmpty()) {
      // The same answer whether the tool is missing or hidden by policy: existence is not leaked.
      Replies.send(ctx, OutcomeMapper.toolCall(new ToolOutcome.UnknownTool(name)));
      return;
    }
    ToolDefinition tool = found.get();
    ObjectNode body = Json.object();
    body.put("name", tool.name());
    body.put("description", tool.description());
    body.set("input_schema", tool.inputSchema());
    body.set("output_schema", tool.outputSchema());
    Replies.ok(ctx, body);
  }

  private void callDirect(Context ctx) {
    Principal principal = auth.require(ctx);
    ObjectNode arguments = requests.object(ctx, "invalid_arguments", true);
    call(ctx, principal, ctx.pathParam("name"), arguments, idempotencyKey(ctx, null));
  }

  private void callEnvelope(Context ctx) {
    Principal principal = auth.require(ctx);
    ObjectNode body = requests.object(ctx, "invalid_request", false);
    for (String field : (Iterable<String>) body::fieldNames) {
      if (!CALL_FIELDS.contains(field)) {
        throw ApiException.invalidRequest(
            "/" + field, "unknown field '" + field + "'; expected tool_name, params and optionally idempotency_key");
      }
    }
    String tool = Requests.optionalText(body, "tool_name");
    if (tool == null || tool.isBlank()) {
      throw ApiException.invalidRequest("/tool_name", "'tool_name' is required");
    }
    JsonNode params = body.get("params");
    if (params != null && !params.isNull() && !params.isObject()) {
      String message = "'params' must be a JSON object, got " + Requests.typeName(params);
      throw ApiException.invalid("invalid_arguments", message, List.of(new FieldError("", message)));
    }
    String key = idempotencyKey(ctx, Requests.optionalText(body, "idempotency_key"));
    call(ctx, principal, tool, params == null || params.isNull() ? Json.object() : params, key);
  }

  private void call(Context ctx, Principal principal, String tool, JsonNode arguments, String idempotencyKey) {
    ToolOutcome outcome =
        toolgate.calls()
            .call(new CallToolCommand(principal, tool, arguments, idempotencyKey, RequestLifecycle.requestId(ctx)));
    Replies.send(ctx, OutcomeMapper.toolCall(outcome));
  }

  /** The header's key, else the body's; both present and different is a mistake worth reporting. */
  private static String idempotencyKey(Context ctx, String fromBody) {
    String header = ctx.header(IDEMPOTENCY_HEADER);
    header = header == null || header.isBlank() ? null : header.strip();
    if (header != null && fromBody != null && !header.equals(fromBody)) {
      throw ApiException.invalidRequest(
          "/idempotency_key", "the Idempotency-Key header and 'idempotency_key' in the body differ; send one");
    }
    String key = header != null ? header : fromBody;
    if (key != null
        && (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
      throw ApiException.invalidRequest(
          IDEMPOTENCY_HEADER, "the idempotency key must be 1-255 printable ASCII characters without spaces");
    }
    return key;
  }
}
