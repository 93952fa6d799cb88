package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Recorded;
import dev.toolgate.adapter.llm.testing.ScriptedReplies;
import dev.toolgate.ports.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Chat with a model" steps as a new user takes them with a local OpenAI-compatible
 * server (Ollama: {@code OPENAI_BASE_URL}, {@code TOOLGATE_LLM_MODEL}, no key) and streaming on:
 * {@code GET /models}, a chat over REST, over Server-Sent Events and over the WebSocket, each answer's
 * text streamed, and the tokens in {@code GET /usage}. The server here is a loopback stand-in.
 */
class ReadmeModelFlowIntegrationTest {
  private static final String MODEL = "llama3.2";

  @TempDir Path workDir;

  private final ProviderStandIn ollama = new ProviderStandIn();
  private final ScriptedReplies replies = ScriptedReplies.openAi(MODEL);
  private TestGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    ollama.close();
  }

  @Test
  void aLocalOpenAiCompatibleModelChatsOverRestSseAndTheWebSocketAndCountsItsTokens() throws Exception {
    gateway = TestGateway.start(workDir, Map.of(
        "OPENAI_BASE_URL", ollama.baseUrl("/v1"), "TOOLGATE_LLM_MODEL", MODEL, "TOOLGATE_CHAT_STREAMING", "1"));
    String admin = gateway.adminKey;

    // ./toolgate --output table models (GET /models here)
    TestGateway.Reply models = gateway.get("/models", admin);
    assertThat(models.status()).as(models.raw()).isEqualTo(200);
    assertThat(models.json().path("planner").asText()).isEqualTo("model");
    assertThat(models.json().path("streaming").asBoolean()).isTrue();
    assertThat(models.json().at("/models/0/name").asText()).isEqualTo("openai/" + MODEL);
    assertThat(models.json().at("/models/0/price").isNull()).as("a local model is unpriced").isTrue();

    // curl … /chat (REST)
    ollama.then(
        replies.toolCall("call_1", "campaign_performance",
            Json.object().put("client_key", "demo").put("start", "2026-10-26").put("end", "2026-11-01"), true),
        replies.text(true, "The report ", "is in."));
    ObjectNode question = Json.object().put("client_key", "demo")
        .put("text", "Which campaign made the most last week, and how much?").put("model", "openai/" + MODEL);
    TestGateway.Reply rest = gateway.post("/chat", admin, Json.write(question));
    assertThat(rest.status()).as(rest.raw()).isEqualTo(200);
    assertThat(rest.json().path("answer").asText()).startsWith("The report is in.");
    assertThat(rest.json().at("/evidence/model").asText()).isEqualTo(MODEL);
    assertThat(rest.json().at("/evidence/tool_calls/0/outcome").asText()).isEqualTo("ok");

    // curl -N -H "Accept: text/event-stream" … /chat (SSE)
    ollama.then(replies.text(true, "Flows ", "did well."));
    HttpResponse<String> sse = gateway.client.send(
        TestGateway.post(gateway.request("/chat", admin),
            Json.write(Json.object().put("client_key", "demo").put("text", "how did flows do last month?")),
            "Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(sse.statusCode()).as(sse.body()).isEqualTo(200);
    List<SseChatIntegrationTest.Event> events = SseChatIntegrationTest.events(sse.body());
    assertThat(events).filteredOn(e -> e.data().at("/chunk/type").asText().equals("text"))
        .extracting(e -> e.data().at("/chunk/data").asText())
        .containsExactly("Flows ", "did well.");
    assertThat(events.get(events.size() - 1).name()).isEqualTo("complete");

    // websocat … /ws/chat
    ollama.then(replies.text(true, "Hello ", "there."));
    List<JsonNode> messages;
    try (WsTestClient ws = WsTestClient.connect(gateway, null, admin)) {
      ObjectNode frame = Json.object().put("action", "chat").put("request_id", "r-1");
      frame.putObject("payload").put("client_key", "demo").put("text", "hello");
      ws.send(Json.write(frame));
      messages = ws.untilFinal("r-1");
    }
    assertThat(messages).filteredOn(m -> m.at("/chunk/type").asText().equals("text"))
        .extracting(m -> m.at("/chunk/data").asText())
        .containsExactly("Hello ", "there.");
    assertThat(messages.get(messages.size() - 1).at("/metadata/tokens_out").asLong()).isEqualTo(ScriptedReplies.TEXT_OUT);

    // What Toolgate sent: chat completions, streamed, OpenAI tool format, no key for a local server.
    List<Recorded> sent = ollama.requests();
    assertThat(sent).hasSize(4).allSatisfy(request -> {
      assertThat(request.path()).isEqualTo("/v1/chat/completions");
      assertThat(request.header("authorization")).isNull();
      assertThat(request.json().path("model").asText()).isEqualTo(MODEL);
      assertThat(request.json().path("stream").asBoolean()).isTrue();
    });
    JsonNode tool = sent.get(0).json().path("tools").get(0);
    assertThat(tool.path("type").asText()).isEqualTo("function");
    assertThat(sent.get(0).json().path("tools").findValuesAsText("name")).contains("campaign_performance");

    // curl … /usage
    TestGateway.Reply usage = gateway.get("/usage", admin);
    assertThat(usage.status()).as(usage.raw()).isEqualTo(200);
    JsonNode row = usage.json().findParents("tool").stream()
        .filter(r -> r.path("tool").asText().equals("llm:openai/" + MODEL))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no model row in " + usage.raw()));
    assertThat(row.path("calls").asLong()).isEqualTo(4);
    assertThat(row.path("tokens_in").asLong())
        .isEqualTo(ScriptedReplies.CALL_IN + 3L * ScriptedReplies.TEXT_IN);
    assertThat(row.path("tokens_out").asLong())
        .isEqualTo(ScriptedReplies.CALL_OUT + 3L * ScriptedReplies.TEXT_OUT);
  }
}
