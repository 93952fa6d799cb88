package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.chat.ChatCommand;
import dev.toolgate.core.chat.ChatOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.ChatEvents;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /chat} (seed 000): a question about a client's marketing data → answer with evidence;
 * with {@code Accept: text/event-stream}, the same turn as Server-Sent Events ({@link SseChat}).
 * {@code model} picks one of the configured models ({@code GET /models}). {@code GET
 * /chat/sessions/{session_id}} lists a session's turns (to a key scoped to its client, or an operator;
 * another client's session is a 404 like an unknown one), among them the answer of a turn
 * that paused for an approval and went on once it was decided.
 */
final class ChatRoutes {
  private static final Set<String> FIELDS = Set.of("client_key", "text", "session_id", "model");

  private final Toolgate toolgate;
  private final Authenticator auth;
  private final Requests requests;

  ChatRoutes(Toolgate toolgate, Authenticator auth, Requests requests) {
    this.toolgate = toolgate;
    this.auth = auth;
    this.requests = requests;
  }

  void register(RoutesConfig routes) {
    routes.post("/chat", this::chat);
    routes.get("/chat/sessions/{session_id}", this::session);
  }

  private void session(Context ctx) {
    Principal principal = auth.require(ctx);
    String sessionId = ctx.pathParam("session_id");
    ObjectNode body = Json.object();
    body.put("session_id", sessionId);
    com.fasterxml.jackson.databind.node.ArrayNode turns = body.putArray("turns");
    toolgate.chat().history(principal, sessionId).forEach(turn -> turns.add(ChatViews.turn(turn)));
    Replies.ok(ctx, body);
  }

  private void chat(Context ctx) {
    Principal principal = auth.require(ctx);
    ObjectNode body = requests.object(ctx, "invalid_request", false);
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError("/" + field, "unknown field '" + field + "'"));
      }
    });
    for (String required : List.of("client_key", "text")) {
      if (!body.path(required).isTextual()) {
        errors.add(new FieldError("/" + required, "'" + required + "' is required and must be a string"));
      }
    }
    if (body.hasNonNull("session_id") && !body.get("session_id").isTextual()) {
      errors.add(new FieldError("/session_id", "'session_id' must be a string"));
    }
    if (body.hasNonNull("model") && !body.get("model").isTextual()) {
      errors.add(new FieldError("/model", "'model' must be a string such as openai/gpt-6-luna (see GET /models)"));
    }
    if (!errors.isEmpty()) {
      String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
      throw ApiException.invalid("invalid_request", "the chat request is invalid (" + count + ")", errors);
    }
    ChatCommand command =
        new ChatCommand(
            principal, body.get("client_key").asText(), body.get("text").asText(),
            Requests.optionalText(body, "session_id"), RequestLifecycle.requestId(ctx), ChatEvents.NONE,
            Requests.optionalText(body, "model"));
    if (SseChat.wanted(ctx)) {
      SseChat.stream(ctx, toolgate.chat(), command);
      return;
    }
    ChatOutcome outcome = toolgate.chat().chat(command);
    if (outcome instanceof ChatOutcome.Refused refused) {
      Replies.send(ctx, ChatViews.status(refused), ChatViews.refused(refused));
    } else {
      Replies.ok(ctx, ChatViews.answer(((ChatOutcome.Answered) outcome).answer()));
    }
  }
}
