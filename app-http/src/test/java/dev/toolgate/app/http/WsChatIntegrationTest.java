package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ws/chat} over a real server, SQLite file and the JDK's WebSocket client: seed 002's
 * protocol end to end, repeated request ids, several turns on one socket, malformed frames and a
 * client that goes away mid-turn. Clients {@code acme-…} read from a Klaviyo stand-in that can hold
 * its answers, to keep turns in flight.
 */
class WsChatIntegrationTest {
  @TempDir static Path workDir;
  static KlaviyoStandIn klaviyo;
  static TestGateway gateway;

  @BeforeAll
  static void start() {
    klaviyo = new KlaviyoStandIn();
    gateway = TestGateway.start(workDir, Map.of("TOOLGATE_KLAVIYO_BASE_URL", klaviyo.baseUrl()));
    // Klaviyo allows an account two reports a minute: each turn that must reach it has an account of its own.
    for (String name : List.of("acme-1", "acme-2", "acme-3", "acme-4", "acme-5", "acme-d")) {
      ObjectNode client = Json.object();
      client.put("display_name", "Example Store");
      client.put("time_zone", "Europe/Berlin");
      client.put("klaviyo_api_key", "pk_live_standin_4c1f9e0b7a_" + name.replace("-", ""));
      TestGateway.Reply created =
          gateway.send(
              gateway.request("/admin/clients/" + name, gateway.adminKey)
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(Json.write(client))));
      assertThat(created.status()).as(created.raw()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() {
    gateway.close();
    klaviyo.close();
  }

  static String chat(String requestId, String client, String text) {
    ObjectNode frame = Json.object();
    frame.put("action", "chat");
    frame.put("request_id", requestId);
    frame.putObject("payload").put("client_key", client).put("text", text);
    return Json.write(frame);
  }

  private static int auditRecords(String keyId) {
    TestGateway.Reply reply = gateway.get("/audit?key_id=" + keyId + "&limit=500", gateway.adminKey);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    return reply.json().path("records").size();
  }

  @Test
  void streamsProcessingThenChunksThenCompleteInSeed002Shapes() {
    String key = gateway.createKey("ws-agent", "agent").secret();
    try (WsTestClient ws = WsTestClient.connect(gateway, null, key)) {
      ws.send(chat("r-1", "demo", "Summarize last week's campaign performance"));
      List<JsonNode> messages = ws.untilFinal("r-1");

      assertThat(messages.get(0)).isEqualTo(Json.parse("{\"request_id\":\"r-1\",\"status\":\"processing\"}"));
      List<JsonNode> chunks = messages.stream().filter(m -> m.path("status").asText().equals("chunk")).toList();
      assertThat(chunks).extracting(m -> m.at("/chunk/type").asText()).containsExactly("tool_call", "tool_result", "text");
      JsonNode call = chunks.get(0).at("/chunk/data");
      assertThat(call.path("tool").asText()).isEqualTo(chunks.get(1).at("/chunk/data/tool").asText());
      assertThat(call.at("/arguments/client_key").asText()).isEqualTo("demo");
      assertThat(chunks.get(1).at("/chunk/data/code").asText()).isEqualTo("ok");
      assertThat(chunks.get(1).at("/chunk/data/success").asBoolean()).isTrue();

      JsonNode complete = messages.get(messages.size() - 1);
      assertThat(complete.path("status").asText()).as(complete.toString()).isEqualTo("complete");
      // The text chunks, put together, are the answer.
      assertThat(chunks.get(2).at("/chunk/data").asText()).isEqualTo(complete.path("answer").asText());
      assertThat(complete.path("answer").asText()).contains("$").contains("sample data set");
      assertThat(complete.path("session_id").asText()).startsWith("ses_");
      assertThat(complete.at("/metadata/tokens").asLong()).isZero();
      assertThat(complete.at("/metadata/cost_usd").decimalValue()).isZero();
      assertThat(complete.at("/metadata/model").isNull()).isTrue();
      assertThat(complete.at("/evidence/tool_calls/0/outcome").asText()).isEqualTo("ok");
      assertThat(complete.at("/metadata/request_id").asText()).isEqualTo(complete.at("/evidence/request_id").asText());

      // The session continues on the socket like over REST.
      ObjectNode next = (ObjectNode) Json.parse(chat("r-2", "demo", "and the month before?"));
      ((ObjectNode) next.get("payload")).put("session_id", complete.path("session_id").asText()).put("streaming", false);
      ws.send(Json.write(next));
      List<JsonNode> quiet = ws.untilFinal("r-2");
      assertThat(quiet).extracting(m -> m.path("status").asText()).containsExactly("processing", "complete");
      assertThat(quiet.get(1).path("session_id").asText()).isEqualTo(complete.path("session_id").asText());
    }
  }

  @Test
  void aRepeatedRequestIdIsAnsweredFromTheFirstTurnAndNeverRunAgain() {
    TestGateway.Issued key = gateway.createKey("ws-repeat", "agent");
    String frame = chat("same-1", "demo", "Summarize last week's campaign performance");
    JsonNode first;
    try (WsTestClient ws = WsTestClient.connect(gateway, null, key.secret())) {
      ws.send(frame);
      List<JsonNode> messages = ws.untilFinal("same-1");
      first = messages.get(messages.size() - 1);
    }
    int audited = auditRecords(key.id());
    assertThat(audited).isPositive();

    // Another socket of the same key: the stored result, without a second turn.
    try (WsTestClient ws = WsTestClient.connect(gateway, null, key.secret())) {
      ws.send(frame);
      JsonNode replay = ws.next();
      assertThat(replay.path("status").asText()).isEqualTo("complete");
      assertThat(replay.path("replayed").asBoolean()).isTrue();
      assertThat(replay.path("turn_id").asText()).isEqualTo(first.path("turn_id").asText());
      assertThat(replay.path("answer").asText()).isEqualTo(first.path("answer").asText());
    }
    assertThat(auditRecords(key.id())).isEqualTo(audited);

    // Request ids are per key: another key's same id is a request of its own.
    TestGateway.Issued other = gateway.createKey("ws-other", "agent");
    try (WsTestClient ws = WsTestClient.connect(gateway, null, other.secret())) {
      ws.send(frame);
      List<JsonNode> messages = ws.untilFinal("same-1");
      assertThat(messages.get(0).path("status").asText()).isEqualTo("processing");
      assertThat(messages.get(messages.size() - 1).path("turn_id").asText()).isNotEqualTo(first.path("turn_id").asText());
    }
  }

  @Test
  void runsTwoTurnsAtOnceOnOneSocketAndRefusesARepeatWhileInFlight() throws Exception {
    String key = gateway.createKey("ws-parallel", "agent").secret();
    klaviyo.hold();
    try (WsTestClient ws = WsTestClient.connect(gateway, null, key)) {
      klaviyo.arrivals.drainPermits();
      ws.send(chat("p-1", "acme-1", "summarize last week's campaign performance"));
      ws.send(chat("p-2", "acme-2", "summarize last week's campaign performance"));
      // Both turns start while Klaviyo answers neither: they run side by side, not one after the other.
      assertThat(klaviyo.arrivals.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
      List<String> processing = new java.util.ArrayList<>();
      while (processing.size() < 2) {
        JsonNode message = ws.next();
        if (message.path("status").asText().equals("processing")) {
          processing.add(message.path("request_id").asText());
        }
      }
      assertThat(processing).containsExactlyInAnyOrder("p-1", "p-2");

      ws.send(chat("p-1", "acme-1", "summarize last week's campaign performance"));
      JsonNode inProgress = ws.next();
      while (inProgress.path("status").asText().equals("chunk")) {
        inProgress = ws.next();
      }
      assertThat(inProgress.path("request_id").asText()).as(inProgress.toString()).isEqualTo("p-1");
      assertThat(inProgress.at("/error/code").asInt()).as(inProgress.toString()).isEqualTo(409);
      assertThat(inProgress.at("/error/reason").asText()).isEqualTo("request_in_progress");

      // Two more fill the socket's four places; a fifth is refused until one completes.
      ws.send(chat("p-3", "acme-3", "summarize last week's campaign performance"));
      ws.send(chat("p-4", "acme-4", "summarize last week's campaign performance"));
      ws.send(chat("p-5", "acme-5", "summarize last week's campaign performance"));
      JsonNode full = ws.next();
      while (!full.path("status").asText().equals("error")) {
        assertThat(full.path("status").asText()).as("nothing completes while Klaviyo holds").isNotEqualTo("complete");
        full = ws.next();
      }
      assertThat(full.path("request_id").asText()).isEqualTo("p-5");
      assertThat(full.at("/error/code").asInt()).isEqualTo(429);
      assertThat(full.at("/error/reason").asText()).isEqualTo("too_many_in_flight");

      klaviyo.release();
      List<String> completed = new java.util.ArrayList<>();
      while (completed.size() < 4) {
        JsonNode message = ws.next();
        if (message.path("status").asText().equals("complete")) {
          completed.add(message.path("request_id").asText());
          assertThat(message.path("answer").asText()).as(message.toString()).contains("€");
        }
      }
      assertThat(completed).containsExactlyInAnyOrder("p-1", "p-2", "p-3", "p-4");
    } finally {
      klaviyo.release();
    }
  }

  @Test
  void malformedFramesGetAnErrorNamingTheFieldAndTheSocketStaysOpen() {
    String key = gateway.createKey("ws-malformed", "agent").secret();
    try (WsTestClient ws = WsTestClient.connect(gateway, null, key)) {
      ws.send("{\"action\":\"chat\",");
      JsonNode notJson = ws.next();
      assertThat(notJson.path("status").asText()).isEqualTo("error");
      assertThat(notJson.path("request_id").isNull()).isTrue();
      assertThat(notJson.at("/error/code").asInt()).isEqualTo(400);
      assertThat(notJson.at("/error/reason").asText()).isEqualTo("malformed_json");
      assertThat(notJson.at("/error/message").asText()).contains("line 1");

      ws.send("[1,2]");
      assertThat(ws.next().at("/error/data/validation_errors/0/field").asText()).isEmpty();

      ws.send("{\"action\":\"chat\",\"payload\":{\"text\":\"hi\",\"client_key\":\"demo\"}}");
      JsonNode noId = ws.next();
      assertThat(noId.at("/error/reason").asText()).isEqualTo("invalid_request");
      assertThat(noId.at("/error/data/validation_errors/0/field").asText()).isEqualTo("request_id");
      assertThat(noId.at("/error/data/validation_errors/0/type").asText()).isEqualTo("missing");

      ws.send("{\"action\":\"shout\",\"request_id\":\"m-1\",\"payload\":{\"text\":7,\"client_key\":\"demo\",\"colour\":1,"
          + "\"streaming\":\"yes\"}}");
      JsonNode several = ws.next();
      assertThat(several.path("request_id").asText()).isEqualTo("m-1");
      assertThat(several.at("/error/data/validation_errors").findValuesAsText("field"))
          .containsExactlyInAnyOrder("action", "payload.text", "payload.colour", "payload.streaming");

      ws.send("{\"action\":\"chat\",\"request_id\":\"m-2\",\"payload\":{\"text\":\"hi\",\"client_key\":\"demo\","
          + "\"model\":\"llama-3.1-70b-versatile\"}}");
      List<JsonNode> noModel = ws.untilFinal("m-2");
      assertThat(noModel.get(noModel.size() - 1).at("/error/reason").asText())
          .as("no model is configured here, so none can be chosen").isEqualTo("unknown_model");

      ws.send(chat("m-3", "nobody", "Summarize last week's campaign performance"));
      List<JsonNode> unknown = ws.untilFinal("m-3");
      assertThat(unknown.get(unknown.size() - 1).at("/error/code").asInt()).isEqualTo(404);
      assertThat(unknown.get(unknown.size() - 1).at("/error/reason").asText()).isEqualTo("unknown_client");

      ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
      assertThat(ws.next().at("/error/reason").asText()).isEqualTo("unsupported_frame");

      // After all that, the same socket still answers.
      ws.send(chat("m-4", "demo", "Summarize last week's campaign performance"));
      List<JsonNode> answered = ws.untilFinal("m-4");
      assertThat(answered.get(answered.size() - 1).path("status").asText()).isEqualTo("complete");
      assertThat(ws.closedWith).isNotDone();
    }
  }

  @Test
  void aSocketDroppedMidTurnLeavesTheTurnToFinishAndTheServerServing() throws Exception {
    String key = gateway.createKey("ws-dropped", "agent").secret();
    klaviyo.hold();
    try {
      klaviyo.arrivals.drainPermits();
      WsTestClient dropped = WsTestClient.connect(gateway, null, key);
      dropped.send(chat("d-1", "acme-d", "summarize last week's campaign performance"));
      assertThat(klaviyo.arrivals.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
      dropped.socket.abort();
      klaviyo.release();

      try (WsTestClient ws = WsTestClient.connect(gateway, null, key)) {
        // The turn went on without its socket; its result is there for the same request id.
        JsonNode replay = null;
        for (int attempt = 0; attempt < 50 && replay == null; attempt++) {
          ws.send(chat("d-1", "acme-d", "summarize last week's campaign performance"));
          JsonNode message = ws.next();
          if (message.path("status").asText().equals("complete")) {
            replay = message;
          } else {
            assertThat(message.at("/error/reason").asText()).isEqualTo("request_in_progress");
            Thread.sleep(100);
          }
        }
        assertThat(replay).isNotNull();
        assertThat(replay.path("replayed").asBoolean()).isTrue();
        assertThat(replay.path("answer").asText()).contains("€");

        ws.send(chat("d-2", "demo", "Summarize last week's campaign performance"));
        List<JsonNode> fresh = ws.untilFinal("d-2");
        assertThat(fresh.get(fresh.size() - 1).path("status").asText()).isEqualTo("complete");
      }
    } finally {
      klaviyo.release();
    }
  }
}
