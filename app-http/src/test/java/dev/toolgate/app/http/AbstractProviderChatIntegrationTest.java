package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Recorded;
import dev.toolgate.adapter.llm.testing.ScriptedReplies;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat planned by one provider's model, end to end: the real server configured from the platform's
 * YAML file, the provider a loopback {@link ProviderStandIn} speaking its wire format. Each provider's
 * subclass says how its requests look (path, key header, tool schemas, parameters, tool results);
 * the suite checks what Toolgate sent as well as what it did: a multi-hop turn streamed over the
 * WebSocket and answered over REST, an approval pause and resume, {@code max_tool_hops}, a 429 whose
 * delay is honoured, a malformed stream, and tokens and cost in {@code GET /usage}.
 */
abstract class AbstractProviderChatIntegrationTest {
  static final String API_KEY = "sk-provider-test-4f1c9a";
  static final double TEMPERATURE = 0.3;
  static final int MAX_TOKENS = 900;
  static final double TOP_P = 0.8;
  static final int MAX_TOOL_HOPS = 3;

  @TempDir Path workDir;

  final ProviderStandIn standIn = new ProviderStandIn();
  TestGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    standIn.close();
  }

  /** The provider's name in {@code llm.providers} (a well-known one, so its kind is implied). */
  abstract String provider();

  /** The model configured and expected in the usage ledger. */
  abstract String model();

  /** The environment variable the YAML's {@code api_key: "env:…"} names. */
  abstract String keyVariable();

  /** The stand-in's base URL as the provider's {@code base_url}, e.g. with {@code /v1}. */
  abstract String baseUrl();

  abstract ScriptedReplies replies();

  /** Path (and query) of a chat request, streamed or not. */
  abstract String expectedTarget(boolean stream);

  /** The key travels as this provider sends it, and no other way. */
  abstract void assertKeySent(Recorded sent);

  /** The configured temperature, max tokens and top_p, in this provider's fields. */
  abstract void assertParametersSent(JsonNode body);

  /** Each offered tool's name and input JSON Schema, in this provider's tool format. */
  abstract Map<String, JsonNode> toolsSent(JsonNode body);

  /** The text of the last tool result the request carries back to the model. */
  abstract String lastToolResultSent(JsonNode body);

  /** The system prompt as sent. */
  abstract String systemSent(JsonNode body);

  // ---- the gateway

  String start(boolean streaming) {
    return start(streaming, "full");
  }

  String start(boolean streaming, String catalog) {
    return start(streaming, catalog, "env:" + keyVariable());
  }

  /** @param apiKey the provider's {@code api_key} setting */
  String start(boolean streaming, String catalog, String apiKey) {
    Path config = workDir.resolve("config.yaml");
    String yaml = """
        llm:
          active: %s
          providers:
            %s: {api_key: "%s", base_url: "%s", model: %s, temperature: %s, max_tokens: %d, top_p: %s, timeout_seconds: 10}
        chat:
          service:
            streaming: {enabled: %s}
            max_tool_hops: %d
            catalog: %s
        """.formatted(provider(), provider(), apiKey, baseUrl(), model(), TEMPERATURE, MAX_TOKENS, TOP_P,
        streaming, MAX_TOOL_HOPS, catalog);
    try {
      Files.writeString(config, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gateway = TestGateway.start(workDir, Map.of("TOOLGATE_LLM_CONFIG", config.toString(), keyVariable(), API_KEY));
    return gateway.createKey("chat-agent", "agent").secret();
  }

  static ObjectNode report(String start, String end) {
    return Json.object().put("client_key", "demo").put("start", start).put("end", end);
  }

  TestGateway.Reply chat(String key, String text) {
    return gateway.post("/chat", key, Json.write(Json.object().put("client_key", "demo").put("text", text)));
  }

  static String chatFrame(String requestId, String text) {
    ObjectNode frame = Json.object().put("action", "chat").put("request_id", requestId);
    frame.putObject("payload").put("client_key", "demo").put("text", text).put("streaming", true);
    return Json.write(frame);
  }

  JsonNode usageRow() {
    String operator = gateway.createKey("ops", "operator").secret();
    TestGateway.Reply usage = gateway.get("/usage", operator);
    assertThat(usage.status()).as(usage.raw()).isEqualTo(200);
    for (JsonNode row : usage.json().findParents("tool")) {
      if (row.path("tool").asText().equals("llm:" + provider() + "/" + model())) {
        return row;
      }
    }
    throw new AssertionError("no usage row for llm:" + provider() + "/" + model() + " in " + usage.raw());
  }

  // ---- the suite

  @Test
  void aMultiHopTurnStreamsOverTheWebSocketAndSendsTheProvidersToolFormatKeyAndParameters() {
    String agent = start(true);
    standIn.then(
        replies().toolCall("toolu_1", "campaign_performance", report("2026-10-26", "2026-11-01"), true),
        replies().toolCall("toolu_2", "flow_performance", report("2026-10-26", "2026-11-01"), true),
        replies().text(true, "Campaigns and flows ", "are both in the reports."));

    List<JsonNode> messages;
    try (WsTestClient ws = WsTestClient.connect(gateway, null, agent)) {
      ws.send(chatFrame("r-hops", "How did campaigns and flows do last week?"));
      messages = ws.untilFinal("r-hops");
    }

    JsonNode complete = messages.get(messages.size() - 1);
    assertThat(complete.path("status").asText()).as(complete.toString()).isEqualTo("complete");
    assertThat(complete.path("answer").asText()).startsWith("Campaigns and flows are both in the reports.");
    assertThat(messages.stream().map(m -> m.at("/chunk/type").asText()).filter(t -> !t.isEmpty()).toList())
        .containsExactly("tool_call", "tool_result", "tool_call", "tool_result", "text", "text");
    assertThat(messages).filteredOn(m -> m.at("/chunk/type").asText().equals("text"))
        .extracting(m -> m.at("/chunk/data").asText())
        .containsExactly("Campaigns and flows ", "are both in the reports.");
    assertThat(complete.at("/metadata/provider").asText()).isEqualTo(provider());
    assertThat(complete.at("/metadata/model").asText()).isEqualTo(model());
    long tokensIn = 2L * ScriptedReplies.CALL_IN + ScriptedReplies.TEXT_IN;
    long tokensOut = 2L * ScriptedReplies.CALL_OUT + ScriptedReplies.TEXT_OUT;
    assertThat(complete.at("/metadata/tokens_in").asLong()).isEqualTo(tokensIn);
    assertThat(complete.at("/metadata/tokens_out").asLong()).isEqualTo(tokensOut);
    assertThat(complete.at("/evidence/tool_calls").findValuesAsText("outcome")).containsExactly("ok", "ok");

    List<Recorded> sent = standIn.requests();
    assertThat(sent).hasSize(3);
    for (Recorded request : sent) {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path() + (request.query() == null ? "" : "?" + request.query()))
          .isEqualTo(expectedTarget(true));
      assertKeySent(request);
      assertParametersSent(request.json());
    }
    JsonNode first = sent.get(0).json();
    assertThat(systemSent(first)).contains("Toolgate's assistant");
    Map<String, JsonNode> tools = toolsSent(first);
    assertThat(tools).containsKeys("campaign_performance", "flow_performance");
    JsonNode schema = tools.get("campaign_performance");
    assertThat(schema.path("properties").path("client_key").path("type").asText()).isEqualToIgnoringCase("string");
    assertThat(schema.path("required").toString()).contains("start", "end");
    assertThat(lastToolResultSent(sent.get(1).json())).contains("\"totals\"");
    assertThat(lastToolResultSent(sent.get(2).json())).contains("\"totals\"").contains("flow");

    JsonNode row = usageRow();
    assertThat(row.path("calls").asLong()).isEqualTo(3);
    assertThat(row.path("tokens_in").asLong()).isEqualTo(tokensIn);
    assertThat(row.path("tokens_out").asLong()).isEqualTo(tokensOut);
    assertThat(row.path("cost_usd").decimalValue()).isEqualByComparingTo(expectedCost(tokensIn, tokensOut));
  }

  /** The shipped price of {@link #model()} applied to these counts. */
  abstract BigDecimal expectedCost(long tokensIn, long tokensOut);

  @Test
  void aRestTurnWithoutStreamingCallsAToolAndAnswersWithEvidence() {
    String agent = start(false);
    standIn.then(
        replies().toolCall("toolu_1", "campaign_performance", report("2026-10-26", "2026-11-01"), false),
        replies().text(false, "Last week's campaigns are in the report."));

    TestGateway.Reply reply = chat(agent, "How did campaigns do last week?");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.json().path("answer").asText()).startsWith("Last week's campaigns are in the report.");
    JsonNode evidence = reply.json().path("evidence");
    assertThat(evidence.path("provider").asText()).isEqualTo(provider());
    assertThat(evidence.path("tool_hops").asInt()).isEqualTo(1);
    assertThat(evidence.path("tokens_in").asLong()).isEqualTo(ScriptedReplies.CALL_IN + ScriptedReplies.TEXT_IN);
    assertThat(standIn.requests()).hasSize(2).allSatisfy(request -> {
      assertThat(request.path() + (request.query() == null ? "" : "?" + request.query()))
          .isEqualTo(expectedTarget(false));
      assertKeySent(request);
    });
  }

  @Test
  void aCallNeedingApprovalPausesTheTurnAndTheDecisionResumesIt() {
    String agent = start(false);
    String approver = gateway.createKey("chat-approver", "approver").secret();
    ObjectNode change = Json.object().put("customer_id", "cus_003").put("status", "at_risk").put("reason", "asked");
    standIn.then(
        replies().toolCall("toolu_1", "update_customer_status", change, false),
        replies().text(false, "Customer cus_003 is now at_risk."));

    try (WsTestClient ws = WsTestClient.connect(gateway, null, agent)) {
      ws.send(chatFrame("r-pause", "Mark cus_003 at risk"));
      List<JsonNode> first = ws.untilFinal("r-pause");
      JsonNode paused = first.get(first.size() - 1);
      assertThat(paused.path("intent").asText()).as(paused.toString()).isEqualTo("awaiting_approval");
      assertThat(first).anySatisfy(m -> assertThat(m.at("/chunk/type").asText()).isEqualTo("approval_required"));
      assertThat(standIn.requests()).as("the model is not asked again before the decision").hasSize(1);

      String approvalId = paused.at("/evidence/paused_for_approval").asText();
      TestGateway.Reply decided = gateway.post("/confirm/" + approvalId, approver, "{\"decision\":\"approve\"}");
      assertThat(decided.status()).as(decided.raw()).isEqualTo(200);

      List<JsonNode> resumed = ws.untilFinal("r-pause");
      JsonNode complete = resumed.get(resumed.size() - 1);
      assertThat(complete.path("answer").asText()).as(complete.toString()).startsWith("Customer cus_003 is now at_risk.");
      assertThat(complete.at("/evidence/resumes_turn").asText()).isEqualTo(paused.path("turn_id").asText());
    }
    assertThat(standIn.requests()).hasSize(2);
    assertThat(lastToolResultSent(standIn.requests().get(1).json())).contains("at_risk");
    assertKeySent(standIn.requests().get(1));
  }

  @Test
  void maxToolHopsStopsAModelThatKeepsCallingTools() {
    String agent = start(false);
    for (int i = 1; i <= MAX_TOOL_HOPS + 1; i++) {
      standIn.then(replies().toolCall("toolu_" + i, "campaign_performance", report("2026-10-0" + i, "2026-10-0" + i), false));
    }

    TestGateway.Reply reply = chat(agent, "Look at every day of October");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.json().path("answer").asText()).contains("I stopped before finishing").contains(MAX_TOOL_HOPS + " rounds");
    assertThat(reply.json().at("/evidence/max_tool_hops").asInt()).isEqualTo(MAX_TOOL_HOPS);
    assertThat(reply.json().at("/evidence/tool_calls")).hasSize(MAX_TOOL_HOPS);
    assertThat(standIn.requests()).hasSize(MAX_TOOL_HOPS + 1);
  }

  @Test
  void aRateLimitedReplyIsRetriedAfterTheDelayTheProviderAskedFor() {
    String agent = start(false);
    standIn.then(replies().rateLimited(1), replies().text(false, "Hello."));

    TestGateway.Reply reply = chat(agent, "hi");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.json().path("answer").asText()).startsWith("Hello.");
    List<Recorded> sent = standIn.requests();
    assertThat(sent).hasSize(2);
    // The default backoff would wait at most 0.5 s before the first retry: this is the provider's 1 s.
    assertThat(TimeUnit.NANOSECONDS.toMillis(sent.get(1).atNanos() - sent.get(0).atNanos())).isGreaterThanOrEqualTo(950);
  }

  @Test
  void aMalformedStreamEndsTheTurnWithAStructuredErrorNamingTheModel() {
    String agent = start(true);
    standIn.then(replies().malformedStream(), replies().malformedStream());

    List<JsonNode> messages;
    try (WsTestClient ws = WsTestClient.connect(gateway, null, agent)) {
      ws.send(chatFrame("r-broken", "hi"));
      messages = ws.untilFinal("r-broken");
    }
    TestGateway.Reply rest = chat(agent, "hi");

    JsonNode error = messages.get(messages.size() - 1);
    assertThat(error.path("status").asText()).as(error.toString()).isEqualTo("error");
    assertThat(error.at("/error/code").asInt()).isEqualTo(503);
    assertThat(error.at("/error/reason").asText()).isEqualTo("model_unavailable");
    assertThat(error.at("/error/message").asText()).contains(provider() + "/" + model()).doesNotContain(API_KEY);
    assertThat(rest.status()).as(rest.raw()).isEqualTo(503);
    assertThat(rest.errorCode()).isEqualTo("model_unavailable");
    assertThat(rest.raw()).doesNotContain(API_KEY);
    assertThat(standIn.requests()).as("a broken stream is not retried").hasSize(2);
  }

  @Test
  void withTheCompactCatalogueTheModelIsOfferedTheMetaToolsAndItsCallRunsThroughTheGuards() {
    String agent = start(false, "compact");
    ObjectNode call = Json.object().put("name", "campaign_performance");
    call.set("arguments", report("2026-10-26", "2026-11-01"));
    standIn.then(
        replies().toolCall("toolu_1", "search_tools", Json.object().put("query", "campaign performance"), false),
        replies().toolCall("toolu_2", "call_tool", call, false),
        replies().text(false, "Campaigns are in the report."));

    TestGateway.Reply reply = chat(agent, "How did campaigns do last week?");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.json().at("/evidence/tool_calls").findValuesAsText("tool")).containsExactly("campaign_performance");
    assertThat(reply.json().at("/evidence/tool_calls").findValuesAsText("outcome")).containsExactly("ok");
    List<Recorded> sent = standIn.requests();
    assertThat(sent).hasSize(3);
    assertThat(toolsSent(sent.get(0).json()).keySet()).containsExactlyInAnyOrder("search_tools", "describe_tool", "call_tool");
    assertThat(toolsSent(sent.get(0).json()).get("call_tool").path("required").toString()).contains("name");
    assertThat(lastToolResultSent(sent.get(1).json())).contains("campaign_performance").doesNotContain("\"totals\"");
    assertThat(lastToolResultSent(sent.get(2).json())).contains("\"totals\"");
  }

  @Test
  void aProviderForClientsOwnKeysStartsWithoutAServerKeyAndRefusesAClientThatHasNone() {
    String agent = start(false, "full", "client");
    standIn.then(replies().text(false, "Hello."));

    TestGateway.Reply models = gateway.get("/models", agent);
    TestGateway.Reply refused = chat(agent, "hi");

    assertThat(models.status()).as(models.raw()).isEqualTo(200);
    assertThat(models.json().at("/models/0/client_key_required").asBoolean()).as(models.raw()).isTrue();
    assertThat(models.json().at("/models/0/api_key_set").asBoolean()).isFalse();
    assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("model_key_required");
    assertThat(refused.raw()).contains(provider() + "/" + model()).contains("'demo'").contains("model_api_keys");
    assertThat(standIn.requests()).as("nothing is sent without a key").isEmpty();

    TestGateway.Reply stored = gateway.send(
        gateway.request("/admin/clients/demo", gateway.adminKey)
            .header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"model_api_keys\":{\"" + provider() + "\":\"" + API_KEY + "\"}}")));
    assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
    TestGateway.Reply answered = chat(agent, "hi");

    assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
    assertThat(answered.json().path("answer").asText()).startsWith("Hello.");
    assertKeySent(standIn.onlyRequest());
    assertThat(answered.raw() + stored.raw() + models.raw()).doesNotContain(API_KEY);
  }
}
