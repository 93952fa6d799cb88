package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.chat.ChatCommand;
import dev.toolgate.core.chat.ChatUseCase;
import dev.toolgate.ports.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /chat} as Server-Sent Events, for a client that sends {@code Accept: text/event-stream}:
 * {@code event: processing}, {@code event: chunk}…, then {@code event: complete} or {@code event: error},
 * each {@code data} one {@link StreamMessages} object. The stream opens with the turn's first event,
 * so a question refused before anything ran (an unknown client, say) still gets its plain 4xx JSON.
 */
final class SseChat {
  static final String EVENT_STREAM = "text/event-stream";

  private static final Logger LOG = LoggerFactory.getLogger(SseChat.class);

  private final Context ctx;
  private final String requestId;
  private OutputStream out;
  private boolean gone;

  private SseChat(Context ctx) {
    this.ctx = ctx;
    this.requestId = RequestLifecycle.requestId(ctx);
  }

  /** Whether the caller asked for an event stream. */
  static boolean wanted(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(EVENT_STREAM);
  }

  /** Runs the turn on the request's thread, streaming it. */
  static void stream(Context ctx, ChatUseCase chat, ChatCommand command) {
    SseChat sse = new SseChat(ctx);
    ObjectNode last = ChatStream.run(chat, command, sse.requestId, true, false, sse::event);
    if (sse.out == null && last.has("error")) {
      JsonNode error = last.get("error");
      int status = error.path("code").asInt();
      ObjectNode details = Json.object();
      if (error.has("data")) {
        details.set("errors", error.path("data").path("validation_errors"));
      }
      Map<String, String> headers = status == 503 ? Map.of("Retry-After", "1") : Map.of();
      Replies.send(
          ctx, new HttpReply(status, JsonViews.error(error.path("reason").asText(), error.path("message").asText(), details),
              headers));
      return;
    }
    sse.event(last);
  }

  /** Writes one event, opening the stream first if this is the first; a client gone away is not written to again. */
  private void event(ObjectNode message) {
    if (gone) {
      return;
    }
    try {
      if (out == null) {
        ctx.status(200);
        ctx.res().setContentType(EVENT_STREAM + ";charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        // Proxies such as nginx would otherwise hold the events back until the stream ends.
        ctx.res().setHeader("X-Accel-Buffering", "no");
        out = ctx.res().getOutputStream();
        write("processing", StreamMessages.processing(requestId));
      }
      write(message.path("status").asText(), message);
    } catch (IOException e) {
      gone = true;
      LOG.debug("event stream of request {} closed by the client: {}", requestId, e.toString());
    }
  }

  private void write(String event, ObjectNode message) throws IOException {
    // Json.write gives one line (no raw newlines), so a single data: field carries the whole object.
    out.write(("event: " + event + "\ndata: " + Json.write(message) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
