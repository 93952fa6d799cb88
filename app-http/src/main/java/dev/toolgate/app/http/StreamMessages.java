package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.chat.ChatAnswer;
import dev.toolgate.ports.Json;
import java.util.List;

/**
 * The messages of a streamed chat turn, in seed 002's WebSocket protocol; Server-Sent Events carry
 * the same objects as their {@code data}. Every message has the caller's {@code request_id} and a
 * {@code status}: {@code processing}, {@code chunk} (with {@code chunk.type} {@code text},
 * {@code tool_call}, {@code tool_result} or {@code approval_required}), {@code complete} or
 * {@code error}.
 */
final class StreamMessages {
  private StreamMessages() {}

  /**
   * One problem with a frame, as seed 002 lists it under {@code error.data.validation_errors}.
   *
   * @param field dotted path of the offending member, e.g. {@code payload.text}; {@code ""} for the whole frame
   * @param type {@code missing}, {@code type_error}, {@code value_error} or {@code extra_forbidden}
   */
  record Problem(String field, String message, String type) {}

  /** {@code {"request_id","status":"processing"}}: the request was taken and its turn has started. */
  static ObjectNode processing(String requestId) {
    return base(requestId, "processing");
  }

  /** {@code {"request_id","status":"chunk","chunk":{"type","data"}}}. */
  static ObjectNode chunk(String requestId, String type, JsonNode data) {
    ObjectNode message = base(requestId, "chunk");
    message.putObject("chunk").put("type", type).set("data", data);
    return message;
  }

  /**
   * {@code {"request_id","status":"complete","answer","session_id","turn_id","intent","sample_data",
   * "metadata":{"tokens","tokens_in","tokens_out","cost_usd","estimated","provider","model","request_id"},
   * "evidence"}}. {@code metadata.tokens} is seed 002's total; a turn without a model (the rule-based
   * planner) counts 0 and names no model. {@code metadata.request_id} is the turn's own id, which its
   * audit records and tool logs carry.
   */
  static ObjectNode complete(String requestId, ChatAnswer answer) {
    ObjectNode message = base(requestId, "complete");
    message.put("answer", answer.text());
    message.put("session_id", answer.sessionId());
    message.put("turn_id", answer.turnId());
    message.put("intent", answer.intent());
    message.put("sample_data", answer.sampleData());
    JsonNode evidence = answer.evidence();
    long in = evidence.path("tokens_in").asLong(0);
    long out = evidence.path("tokens_out").asLong(0);
    ObjectNode metadata = message.putObject("metadata");
    metadata.put("tokens", in + out);
    metadata.put("tokens_in", in);
    metadata.put("tokens_out", out);
    metadata.put("cost_usd", evidence.path("cost_usd").decimalValue());
    metadata.put("estimated", evidence.path("estimated").asBoolean(false));
    metadata.put("provider", evidence.path("provider").asText(null));
    metadata.put("model", evidence.path("model").asText(null));
    metadata.put("request_id", answer.requestId());
    message.set("evidence", evidence);
    return message;
  }

  /**
   * {@code {"request_id","status":"error","error":{"code","reason","message","data":{"validation_errors"}}}}:
   * {@code code} is the HTTP status the same problem gets over REST (seed 002's numeric code),
   * {@code reason} Toolgate's stable word for it; {@code data} is there only when fields are at fault.
   */
  static ObjectNode error(String requestId, int code, String reason, String message, List<Problem> problems) {
    ObjectNode body = base(requestId, "error");
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("reason", reason);
    error.put("message", message);
    if (!problems.isEmpty()) {
      ArrayNode list = error.putObject("data").putArray("validation_errors");
      problems.forEach(p -> list.addObject().put("field", p.field()).put("message", p.message()).put("type", p.type()));
    }
    return body;
  }

  static ObjectNode error(String requestId, int code, String reason, String message) {
    return error(requestId, code, reason, message, List.of());
  }

  private static ObjectNode base(String requestId, String status) {
    ObjectNode message = Json.object();
    message.put("request_id", requestId);
    message.put("status", status);
    return message;
  }
}
