package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /chat} with {@code Accept: text/event-stream}: the WebSocket's messages as Server-Sent Events. */
class SseChatIntegrationTest {
  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir);
    agent = gateway.createKey("sse-agent", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** One event: its name and its data parsed. */
  record Event(String name, JsonNode data) {}

  static List<Event> events(String raw) {
    List<Event> events = new ArrayList<>();
    for (String block : raw.split("\n\n")) {
      String name = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (name != null) {
        events.add(new Event(name, Json.parse(data)));
      }
    }
    return events;
  }

  @Test
  void streamsProcessingChunksAndCompleteAsEvents() throws Exception {
    HttpResponse<String> response =
        gateway.client.send(
            TestGateway.post(gateway.request("/chat", agent),
                "{\"client_key\":\"demo\",\"text\":\"Summarize last week's campaign performance\"}",
                "Accept", "text/event-stream", "X-Request-ID", "sse-1").build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<Event> events = events(response.body());
    assertThat(events).extracting(Event::name).containsExactly("processing", "chunk", "chunk", "chunk", "complete");
    assertThat(events).allSatisfy(event -> assertThat(event.data().path("request_id").asText()).isEqualTo("sse-1"));
    assertThat(events.subList(1, 4)).extracting(event -> event.data().at("/chunk/type").asText())
        .containsExactly("tool_call", "tool_result", "text");
    JsonNode complete = events.get(4).data();
    assertThat(complete.path("status").asText()).isEqualTo("complete");
    assertThat(complete.path("answer").asText()).isEqualTo(events.get(3).data().at("/chunk/data").asText());
    assertThat(complete.at("/metadata/tokens").asLong()).isZero();
  }

  @Test
  void aRefusedQuestionIsStillAPlain4xx() {
    TestGateway.Reply reply =
        gateway.post("/chat", agent, "{\"client_key\":\"nobody\",\"text\":\"Summarize last week\"}",
            "Accept", "text/event-stream");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("unknown_client");
    TestGateway.Reply invalid = gateway.post("/chat", agent, "{\"text\":\"hi\"}", "Accept", "text/event-stream");
    assertThat(invalid.status()).isEqualTo(400);
  }

  @Test
  void withoutTheAcceptHeaderTheAnswerIsJsonAsBefore() {
    TestGateway.Reply reply =
        gateway.post("/chat", agent, "{\"client_key\":\"demo\",\"text\":\"Summarize last week's campaign performance\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().path("answer").asText()).contains("$");
  }
}
