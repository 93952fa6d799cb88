package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.chat.ChatAnswer;
import dev.toolgate.core.chat.ChatCommand;
import dev.toolgate.core.chat.ChatOutcome;
import dev.toolgate.core.chat.ChatUseCase;
import dev.toolgate.core.chat.ResumedTurnListener;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.chat.PlannerUnavailableException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one chat turn for a streaming face (WebSocket or Server-Sent Events): its events go to a sink
 * as {@link StreamMessages} chunks while it runs, and it ends in one final message, {@code complete}
 * or {@code error}. The sink must not throw and must not block for long; a client that went away
 * does not stop the turn, which finishes and is stored as any other.
 */
final class ChatStream {
  private static final Logger LOG = LoggerFactory.getLogger(ChatStream.class);

  private ChatStream() {}

  /**
   * Runs the turn, sending chunks to {@code sink} when {@code streaming}, and returns the final
   * message without sending it (the face decides how: a replay store keeps it, SSE may still answer
   * a refusal with a plain 4xx).
   *
   * @param requestId the caller's id for the request, echoed in every message
   * @param resumable whether {@code sink} can still take messages after the turn ended (a WebSocket):
   *     then a turn that paused for an approval sends the resumed turn's chunks and {@code complete}
   *     there too, under the same request id
   */
  static ObjectNode run(
      ChatUseCase chat,
      ChatCommand command,
      String requestId,
      boolean streaming,
      boolean resumable,
      Consumer<ObjectNode> sink) {
    ChatEvents events = streaming ? new Chunks(requestId, sink) : ChatEvents.NONE;
    if (resumable) {
      events = new Resumable(events, requestId, sink);
    }
    ChatOutcome outcome;
    try {
      outcome = chat.chat(command.withEvents(events));
    } catch (RuntimeException e) {
      return failure(requestId, e);
    }
    if (outcome instanceof ChatOutcome.Refused refused) {
      return StreamMessages.error(requestId, ChatViews.status(refused), refused.code(), refused.message());
    }
    return StreamMessages.complete(requestId, ((ChatOutcome.Answered) outcome).answer());
  }

  /** What a turn that threw ends in: the same status and code the REST face gives the exception. */
  static ObjectNode failure(String requestId, RuntimeException e) {
    if (e instanceof InvalidCommandException invalid) {
      return StreamMessages.error(
          requestId, 400, "invalid_request", invalid.getMessage(),
          invalid.errors().stream()
              .map(error -> new StreamMessages.Problem(error.field(), error.message(), "value_error"))
              .toList());
    }
    if (e instanceof ForbiddenException) {
      return StreamMessages.error(requestId, 403, "forbidden", e.getMessage());
    }
    if (e instanceof NotFoundException) {
      return StreamMessages.error(requestId, 404, "not_found", e.getMessage());
    }
    if (e instanceof PlannerUnavailableException) {
      // The model, not the store: the same 503 model_unavailable, naming the model, as POST /chat gives.
      LOG.warn("chat model unavailable during a streamed chat turn: {}", e.getMessage());
      return StreamMessages.error(requestId, 503, "model_unavailable", e.getMessage());
    }
    if (e instanceof UnavailableException) {
      LOG.warn("store unavailable during a streamed chat turn: {}", e.getMessage());
      return StreamMessages.error(requestId, 503, "unavailable", "the store is unavailable; retry shortly");
    }
    LOG.error("unexpected failure in streamed chat request {}", requestId, e);
    return StreamMessages.error(
        requestId, 500, "internal_error",
        "an unexpected error occurred; the server log has the details under this request id");
  }

  /** A turn's events as they are, and the answer of the turn it resumes to as one more {@code complete}. */
  private static final class Resumable implements ResumedTurnListener {
    private final ChatEvents events;
    private final String requestId;
    private final Consumer<ObjectNode> sink;

    Resumable(ChatEvents events, String requestId, Consumer<ObjectNode> sink) {
      this.events = events;
      this.requestId = requestId;
      this.sink = sink;
    }

    @Override
    public void resumed(ChatAnswer answer) {
      sink.accept(StreamMessages.complete(requestId, answer));
    }

    @Override
    public void text(String delta) {
      events.text(delta);
    }

    @Override
    public void toolCall(String callId, String tool, JsonNode arguments) {
      events.toolCall(callId, tool, arguments);
    }

    @Override
    public void toolResult(String callId, String tool, String code, boolean success) {
      events.toolResult(callId, tool, code, success);
    }

    @Override
    public void approvalRequired(String callId, String tool, String approvalId) {
      events.approvalRequired(callId, tool, approvalId);
    }
  }

  /** A turn's events as chunk messages. */
  private static final class Chunks implements ChatEvents {
    private final String requestId;
    private final Consumer<ObjectNode> sink;

    Chunks(String requestId, Consumer<ObjectNode> sink) {
      this.requestId = requestId;
      this.sink = sink;
    }

    @Override
    public void text(String delta) {
      sink.accept(StreamMessages.chunk(requestId, "text", Json.mapper().getNodeFactory().textNode(delta)));
    }

    @Override
    public void toolCall(String callId, String tool, JsonNode arguments) {
      ObjectNode data = Json.object().put("call_id", callId).put("tool", tool);
      data.set("arguments", arguments.deepCopy());
      sink.accept(StreamMessages.chunk(requestId, "tool_call", data));
    }

    @Override
    public void toolResult(String callId, String tool, String code, boolean success) {
      ObjectNode data = Json.object().put("call_id", callId).put("tool", tool).put("code", code).put("success", success);
      sink.accept(StreamMessages.chunk(requestId, "tool_result", data));
    }

    @Override
    public void approvalRequired(String callId, String tool, String approvalId) {
      ObjectNode data = Json.object().put("call_id", callId).put("tool", tool).put("approval_id", approvalId);
      sink.accept(StreamMessages.chunk(requestId, "approval_required", data));
    }
  }
}
