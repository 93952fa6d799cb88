package dev.toolgate.mcp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one POSTed JSON-RPC message before the SDK sees it. The SDK answers a malformed message with
 * a 500 (a body of {@code null}, {@code initialize} without params) or a 400, logs it at ERROR with its
 * content, and puts a serialized stack trace in the body; here each such mistake gets a short
 * JSON-RPC error naming the problem instead, and the SDK only ever sees well-formed messages. The
 * message is read as a stream of tokens ({@link JsonRpcMessageSummary}), not as a tree: the SDK parses
 * the text once more, and the tree was that second parse's twin.
 */
final class McpMessageCheck {
  /** JSON-RPC 2.0 error codes. */
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int INVALID_PARAMS = -32602;

  /** Methods whose params the SDK binds to records: the members it needs, and their JSON types. */
  private static final Map<String, Map<String, String>> REQUIRED =
      Map.of(
          "initialize", Map.of("protocolVersion", "string", "capabilities", "object", "clientInfo", "object"),
          "tools/call", Map.of("name", "string"),
          "prompts/get", Map.of("name", "string"),
          "resources/read", Map.of("uri", "string"),
          "resources/subscribe", Map.of("uri", "string"),
          "resources/unsubscribe", Map.of("uri", "string"),
          "completion/complete", Map.of("ref", "object", "argument", "object"),
          "logging/setLevel", Map.of("level", "string"));

  private final Set<String> notifications;

  /** @param notifications the notification methods the server handles; others are accepted and dropped */
  McpMessageCheck(Set<String> notifications) {
    this.notifications = Set.copyOf(notifications);
  }

  /** What to do with a message. */
  sealed interface Verdict permits Pass, Drop, Refuse {}

  /** Hand it to the SDK; {@code response} is true for a JSON-RPC response sent by the client. */
  record Pass(boolean response) implements Verdict {}

  /** A notification nobody handles: answer 202 Accepted, as the transport requires, and drop it. */
  record Drop() implements Verdict {}

  /**
   * Answer with a JSON-RPC error: HTTP {@code status}, the request's {@code id} (JSON null when it is
   * not known), a JSON-RPC {@code rpcCode}, and a stable {@code code} with a {@code message} for people.
   */
  record Refuse(int status, JsonNode id, int rpcCode, String code, String message) implements Verdict {}

  Verdict check(String body) {
    JsonRpcMessageSummary message;
    try {
      message = JsonRpcMessageSummary.read(body, false);
      if ("prompts/get".equals(message.method) && message.argumentsUnread()) {
        // prompts/get named only after its params: read again for its arguments, checked one by one
        message = JsonRpcMessageSummary.read(body, true);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return refuse(null, PARSE_ERROR, "malformed_json", "the message is not valid JSON" + where + ": " + problem(e));
    } catch (IOException e) { // a String has no I/O to fail
      throw new UncheckedIOException(e);
    }
    if (message.rootType == null) {
      return refuse(null, INVALID_REQUEST, "invalid_message", "the request body is empty; send one JSON-RPC message");
    }
    if (message.rootType.equals("array")) {
      return refuse(null, INVALID_REQUEST, "batch_not_supported",
          "JSON-RPC batches are not supported; send one message per request");
    }
    if (!message.rootType.equals("object")) {
      return refuse(null, INVALID_REQUEST, "invalid_message",
          "a JSON-RPC message must be a JSON object, got " + message.rootType);
    }
    JsonNode id = message.id;
    if (message.hasId && id == null) {
      return refuse(null, INVALID_REQUEST, "invalid_message", "'id' must be a string or an integer, got " + message.idType);
    }
    if (!message.jsonrpc20) {
      return refuse(id, INVALID_REQUEST, "invalid_message", "'jsonrpc' must be \"2.0\"");
    }
    if (!message.hasMethod) {
      return response(message, id);
    }
    String method = message.method;
    if (method == null || method.isBlank()) {
      return refuse(id, INVALID_REQUEST, "invalid_message", "'method' must be a non-empty string");
    }
    if (message.paramsType != null && !message.paramsType.equals("object")) {
      return refuse(id, INVALID_PARAMS, "invalid_params", "'params' must be an object, got " + message.paramsType);
    }
    if (id == null) {
      return notifications.contains(method) ? new Pass(false) : new Drop();
    }
    return params(id, method, message);
  }

  /** A response from the client (to an inline-approval question): an id and exactly one of result and error. */
  private static Verdict response(JsonRpcMessageSummary message, JsonNode id) {
    boolean result = message.hasResult;
    boolean error = message.hasError;
    if (!result && !error) {
      return refuse(id, INVALID_REQUEST, "invalid_message",
          "a JSON-RPC message needs a 'method' (request or notification) or a 'result' or 'error' (response)");
    }
    if (id == null || result == error) {
      return refuse(id, INVALID_REQUEST, "invalid_message",
          "a JSON-RPC response needs an 'id' and exactly one of 'result' and 'error'");
    }
    if (error && !message.errorWellFormed) {
      return refuse(id, INVALID_REQUEST, "invalid_message", "'error' must be an object with an integer 'code' and a string 'message'");
    }
    return new Pass(true);
  }

  private static Verdict params(JsonNode id, String method, JsonRpcMessageSummary message) {
    Map<String, String> required = REQUIRED.get(method);
    if (required == null) {
      return new Pass(false);
    }
    if (message.paramsType == null) {
      return refuse(id, INVALID_PARAMS, "invalid_params", method + " needs 'params' with " + String.join(", ", quoted(required)));
    }
    for (Map.Entry<String, String> member : required.entrySet()) {
      String type = message.paramType(member.getKey());
      if (!member.getValue().equals(type)) {
        return refuse(id, INVALID_PARAMS, "invalid_params",
            method + ": 'params." + member.getKey() + "' must be " + article(member.getValue()) + ", got "
                + (type == null ? "nothing" : type));
      }
    }
    String arguments = message.paramType("arguments");
    if (arguments != null && !arguments.equals("null") && !arguments.equals("object")) {
      return refuse(id, INVALID_PARAMS, "invalid_params", method + ": 'params.arguments' must be an object, got " + arguments);
    }
    if ("prompts/get".equals(method) && message.argumentTypes != null) {
      for (Map.Entry<String, String> argument : message.argumentTypes.entrySet()) {
        if (!argument.getValue().equals("string")) {
          return refuse(id, INVALID_PARAMS, "invalid_params",
              "prompts/get: argument '" + argument.getKey() + "' must be a string, got " + argument.getValue());
        }
      }
    }
    return new Pass(false);
  }

  /**
   * A request with a usable id is answered in JSON-RPC (HTTP 200, its id) as the spec says for invalid
   * params; a message that is not valid JSON-RPC at all is a 400 with a null id.
   */
  private static Refuse refuse(JsonNode id, int rpcCode, String code, String message) {
    boolean answerable = id != null && rpcCode == INVALID_PARAMS;
    return new Refuse(answerable ? 200 : 400, id == null ? NullNode.getInstance() : id, rpcCode, code, message);
  }

  private static String problem(JsonProcessingException e) {
    String text = String.valueOf(e.getOriginalMessage());
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String article(String type) {
    return type.startsWith("o") || type.startsWith("a") ? "an " + type : "a " + type;
  }

  private static List<String> quoted(Map<String, String> required) {
    return required.keySet().stream().sorted().map(name -> "'" + name + "'").toList();
  }
}
