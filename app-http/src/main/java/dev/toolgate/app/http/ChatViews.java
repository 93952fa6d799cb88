package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.chat.ChatAnswer;
import dev.toolgate.core.chat.ChatOutcome;
import dev.toolgate.core.clients.ClientView;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ClientProfile;
import java.util.TreeSet;

/**
 * The JSON forms of chat answers and client profiles, shared by the REST API and the CLI like
 * {@link JsonViews}. A client's view names its stored secrets but never holds their values.
 */
public final class ChatViews {
  private ChatViews() {}

  /**
   * {@code {"answer","intent","session_id","turn_id","request_id","sample_data","evidence"}} — seed
   * 000's answer with its evidence block.
   */
  public static ObjectNode answer(ChatAnswer answer) {
    ObjectNode body = Json.object();
    body.put("answer", answer.text());
    body.put("intent", answer.intent());
    body.put("session_id", answer.sessionId());
    body.put("turn_id", answer.turnId());
    body.put("request_id", answer.requestId());
    body.put("sample_data", answer.sampleData());
    body.set("evidence", answer.evidence());
    return body;
  }

  /** A refusal in the one error shape. */
  public static ObjectNode refused(ChatOutcome.Refused refused) {
    return JsonViews.error(refused.code(), refused.message(), null);
  }

  /** The HTTP status of a refusal; the CLI maps the same codes to its exit codes. */
  public static int status(ChatOutcome.Refused refused) {
    return switch (refused.code()) {
      case "unknown_client" -> 404;
      case "client_not_allowed" -> 403;
      case "session_client_mismatch" -> 409;
      default -> 400;
    };
  }

  /** One stored turn, as {@code GET /chat/sessions/{id}} and {@code toolgate chat export} show it. */
  public static ObjectNode turn(dev.toolgate.ports.chat.ChatTurn turn) {
    ObjectNode line = Json.object();
    line.put("session_id", turn.sessionId());
    line.put("client_key", turn.evidence().path("client_key").asText(null));
    line.put("seq", turn.seq());
    line.put("turn_id", turn.id());
    line.put("request_id", turn.requestId());
    line.put("key_id", turn.keyId());
    // Instant.toString is ISO-8601 in UTC, ending in Z.
    line.put("at", turn.at().toString());
    line.put("question", turn.question());
    line.put("answer", turn.answer());
    line.put("intent", turn.intent());
    line.set("evidence", turn.evidence());
    return line;
  }

  /** A client profile, with the names (only) of its stored secrets. */
  public static ObjectNode client(ClientView view) {
    ClientProfile profile = view.profile();
    ObjectNode body = Json.object();
    body.put("client_key", profile.clientKey());
    body.put("display_name", profile.displayName());
    body.put("time_zone", profile.timeZone().getId());
    body.put("marketing_backend", profile.marketingBackend().wireName());
    body.put("default_model", profile.defaultModel());
    body.set("allow_tools", sorted(profile.allowTools()));
    body.set("deny_tools", sorted(profile.denyTools()));
    body.put("rate_limit", profile.rateLimit() == null ? null : profile.rateLimit().toString());
    body.set("secrets", sorted(view.secretNames()));
    body.set("model_key_providers", sorted(dev.toolgate.core.clients.ModelKeys.providers(view.secretNames())));
    return body;
  }

  private static ArrayNode sorted(java.util.Collection<String> values) {
    ArrayNode array = Json.mapper().createArrayNode();
    new TreeSet<>(values).forEach(array::add);
    return array;
  }
}
