package dev.toolgate.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code chat} frame of seed 002's WebSocket protocol, checked:
 * {@code {"action":"chat","request_id","payload":{"text","client_key"?,"session_id"?,"model"?,"streaming"?}}}.
 *
 * @param clientKey the client the question is about; defaults to the key's own client when the key is scoped to one
 * @param model the configured model to answer with ({@code GET /models}), or null for the default; an
 *     unknown one is refused by the chat like over {@code POST /chat}
 * @param streaming whether chunks are sent while the turn runs (default true); without, only
 *     {@code processing} and the final message
 */
record WsChatRequest(
    String requestId, String clientKey, String text, String sessionId, String model, boolean streaming) {
  /** The ids a client may choose: what an {@code X-Request-ID} may be, plus ':'. */
  static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private static final Set<String> FRAME_FIELDS = Set.of("action", "request_id", "payload");
  private static final Set<String> PAYLOAD_FIELDS = Set.of("text", "client_key", "session_id", "model", "streaming");

  /** A frame that cannot be taken; {@link #message()} is the {@code error} message to answer with. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ObjectNode message;

    Refused(ObjectNode message) {
      super(message.path("error").path("message").asText(), null, false, false);
      this.message = message;
    }

    ObjectNode message() {
      return message;
    }
  }

  /**
   * Checks a text frame; every problem found is listed at its field.
   *
   * @param scopedClientKey the client the caller's key is scoped to, or null
   */
  static WsChatRequest parse(String frame, String scopedClientKey) throws Refused {
    JsonNode node;
    try {
      node = Requests.parseStrict(frame);
    } catch (JsonProcessingException e) {
      String message = MalformedJson.message("the frame", e);
      throw new Refused(
          StreamMessages.error(null, 400, "malformed_json", message,
              List.of(new StreamMessages.Problem("", message, "json_invalid"))));
    }
    if (node == null || !node.isObject()) {
      String message = "a frame must be a JSON object, got " + (node == null ? "nothing" : "a JSON " + Requests.typeName(node));
      throw invalid(null, List.of(new StreamMessages.Problem("", message, "type_error")));
    }
    List<StreamMessages.Problem> problems = new ArrayList<>();
    unknownFields(node, FRAME_FIELDS, "", problems);

    String requestId = null;
    JsonNode id = node.get("request_id");
    if (id == null || id.isNull()) {
      problems.add(missing("request_id", "'request_id' is required: it keeps a request from being processed twice"));
    } else if (!id.isTextual() || !REQUEST_ID.matcher(id.asText()).matches()) {
      problems.add(new StreamMessages.Problem("request_id",
          "'request_id' must be 1-128 letters, digits, '.', '_', ':' or '-', got " + shown(id), "value_error"));
    } else {
      requestId = id.asText();
    }

    JsonNode action = node.get("action");
    if (action == null || action.isNull()) {
      problems.add(missing("action", "'action' is required; the only action is 'chat'"));
    } else if (!action.isTextual() || !action.asText().equals("chat")) {
      problems.add(new StreamMessages.Problem("action", "unknown action " + shown(action) + "; the only action is 'chat'", "value_error"));
    }

    JsonNode payload = node.get("payload");
    String text = null;
    String clientKey = scopedClientKey;
    String sessionId = null;
    String model = null;
    boolean streaming = true;
    if (payload == null || payload.isNull()) {
      problems.add(missing("payload", "'payload' is required: an object with at least 'text'"));
    } else if (!payload.isObject()) {
      problems.add(new StreamMessages.Problem("payload", "'payload' must be an object, got a JSON " + Requests.typeName(payload), "type_error"));
    } else {
      unknownFields(payload, PAYLOAD_FIELDS, "payload.", problems);
      if (absent(payload, "text")) {
        problems.add(missing("payload.text", "'payload.text' is required: the question"));
      }
      text = string(payload, "text", problems);
      if (absent(payload, "client_key") && clientKey == null) {
        problems.add(missing("payload.client_key", "'payload.client_key' is required: the client the question is about"));
      }
      String client = string(payload, "client_key", problems);
      clientKey = client != null ? client : clientKey;
      sessionId = string(payload, "session_id", problems);
      model = string(payload, "model", problems);
      JsonNode stream = payload.get("streaming");
      if (stream != null && !stream.isNull()) {
        if (stream.isBoolean()) {
          streaming = stream.asBoolean();
        } else {
          problems.add(new StreamMessages.Problem("payload.streaming",
              "'payload.streaming' must be true or false, got a JSON " + Requests.typeName(stream), "type_error"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw invalid(requestId, problems);
    }
    return new WsChatRequest(requestId, clientKey, text, sessionId, model, streaming);
  }

  private static Refused invalid(String requestId, List<StreamMessages.Problem> problems) {
    String count = problems.size() == 1 ? "1 error" : problems.size() + " errors";
    return new Refused(
        StreamMessages.error(requestId, 400, "invalid_request", "the chat frame is invalid (" + count + ")", problems));
  }

  private static void unknownFields(JsonNode object, Set<String> known, String prefix, List<StreamMessages.Problem> problems) {
    object.fieldNames().forEachRemaining(field -> {
      if (!known.contains(field)) {
        problems.add(new StreamMessages.Problem(prefix + field, "unknown field '" + prefix + field + "'", "extra_forbidden"));
      }
    });
  }

  /** A string member, or null when absent; anything else than a string is listed. */
  private static String string(JsonNode object, String field, List<StreamMessages.Problem> problems) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(new StreamMessages.Problem("payload." + field,
          "'payload." + field + "' must be a string, got a JSON " + Requests.typeName(value), "type_error"));
      return null;
    }
    return value.asText();
  }

  private static boolean absent(JsonNode object, String field) {
    return object.get(field) == null || object.get(field).isNull();
  }

  private static StreamMessages.Problem missing(String field, String message) {
    return new StreamMessages.Problem(field, message, "missing");
  }

  /** A value as an error message quotes it, cut short so a huge value does not flood the reply. */
  private static String shown(JsonNode value) {
    String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
