package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.adapter.llm.testing.ScriptedReplies;
import dev.toolgate.ports.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat planned by a model on a local OpenAI-compatible server (as with Ollama: a base URL, a model,
 * no key), through the real server: tools offered and called through the guards over several hops, a
 * refused call shown to the model as an error, figures checked, tokens and cost in the usage ledger.
 */
class ModelChatIntegrationTest {
  @TempDir Path workDir;

  private final ProviderStandIn model = new ProviderStandIn();
  private final ScriptedReplies openAi = ScriptedReplies.openAi("gpt-6-luna");
  private TestGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    model.close();
  }

  private String start() {
    gateway = TestGateway.start(workDir, Map.of("OPENAI_BASE_URL", model.baseUrl("/v1"), "TOOLGATE_LLM_MODEL", "gpt-6-luna"));
    return gateway.createKey("chat-agent", "agent").secret();
  }

  private static ObjectNode report() {
    ObjectNode arguments = Json.object();
    arguments.put("client_key", "demo");
    arguments.put("start", "2026-10-26");
    arguments.put("end", "2026-11-01");
    return arguments;
  }

  private TestGateway.Reply chat(String key, String text, String chosen) {
    ObjectNode body = Json.object();
    body.put("client_key", "demo");
    body.put("text", text);
    if (chosen != null) {
      body.put("model", chosen);
    }
    return gateway.post("/chat", key, Json.write(body));
  }

  @Test
  void theModelCallsGuardedToolsOverSeveralHopsAndItsInventedFiguresAreFlagged() {
    String agent = start();
    model.then(
        openAi.toolCall("call_1", "campaign_performance", report(), false),
        openAi.toolCall("call_2", "drop_database", Json.object(), false),
        openAi.text(false, "Campaigns made 123,456,789 dollars from 2026-10-26 to 2026-11-01."));

    TestGateway.Reply reply = chat(agent, "How did campaigns do last week?", "openai/gpt-6-luna");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(model.requests()).hasSize(3);
    JsonNode first = model.requests().get(0).json();
    assertThat(first.path("model").asText()).isEqualTo("gpt-6-luna");
    assertThat(first.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(first.path("tools").findValuesAsText("name")).contains("campaign_performance");
    JsonNode third = model.requests().get(2).json().path("messages");
    JsonNode refused = third.get(third.size() - 1);
    assertThat(refused.path("role").asText()).isEqualTo("tool");
    assertThat(refused.path("tool_call_id").asText()).isEqualTo("call_2");
    assertThat(refused.path("content").asText()).contains("unknown_tool");
    JsonNode result = third.get(third.size() - 3);
    assertThat(result.path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(result.path("content").asText()).contains("\"totals\"");

    JsonNode body = reply.json();
    assertThat(body.path("answer").asText()).contains("123,456,789").contains("Check before relying on it");
    JsonNode evidence = body.path("evidence");
    assertThat(evidence.path("ungrounded_figures")).hasSize(1);
    assertThat(evidence.path("ungrounded_figures").get(0).asText()).isEqualTo("123,456,789");
    assertThat(evidence.path("provider").asText()).isEqualTo("openai");
    assertThat(evidence.path("model").asText()).isEqualTo("gpt-6-luna");
    assertThat(evidence.path("tokens_in").asLong()).isEqualTo(1100);
    assertThat(evidence.path("tokens_out").asLong()).isEqualTo(80);
    assertThat(evidence.path("tool_hops").asInt()).isEqualTo(2);
    assertThat(evidence.path("tool_calls").findValuesAsText("outcome")).containsExactly("ok", "unknown_tool");

    String operator = gateway.createKey("ops", "operator").secret();
    TestGateway.Reply usage = gateway.get("/usage", operator);
    assertThat(usage.status()).as(usage.raw()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode candidate : usage.json().findParents("tool")) {
      if (candidate.path("tool").asText().equals("llm:openai/gpt-6-luna")) {
        row = candidate;
      }
    }
    assertThat(row).as(usage.raw()).isNotNull();
    assertThat(row.path("calls").asLong()).isEqualTo(3);
    assertThat(row.path("tokens").asLong()).isEqualTo(1180);
    assertThat(row.path("tokens_in").asLong()).isEqualTo(1100);
    assertThat(row.path("tokens_out").asLong()).isEqualTo(80);
    // gpt-6-luna at 0.10 in and 0.50 out per million: 1100 in, 80 out.
    assertThat(row.path("cost_usd").decimalValue()).isEqualByComparingTo("0.000150");
  }

  @Test
  void listsTheConfiguredModelsWithPricesAndRefusesAnUnknownOne() {
    String agent = start();

    TestGateway.Reply models = gateway.get("/models", agent);
    TestGateway.Reply anonymous = gateway.get("/models", null);
    TestGateway.Reply unknown = chat(agent, "hi", "claude-opus-5-5");

    assertThat(models.status()).as(models.raw()).isEqualTo(200);
    assertThat(models.json().path("planner").asText()).isEqualTo("model");
    JsonNode first = models.json().path("models").get(0);
    assertThat(first.path("name").asText()).isEqualTo("openai/gpt-6-luna");
    assertThat(first.path("default").asBoolean()).isTrue();
    assertThat(first.path("price").path("input_per_million").decimalValue()).isEqualByComparingTo("0.10");
    assertThat(first.path("api_key_set").asBoolean()).isFalse();
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
    assertThat(unknown.errorCode()).isEqualTo("unknown_model");
    assertThat(unknown.raw()).contains("claude-opus-5-5").contains("openai/gpt-6-luna");
    assertThat(model.requests()).isEmpty();
  }

  @Test
  void aProviderThatKeepsFailingIsA503NamingTheModel() {
    String agent = start();

    TestGateway.Reply reply = chat(agent, "How did campaigns do last week?", null);

    assertThat(reply.status()).as(reply.raw()).isEqualTo(503);
    assertThat(reply.errorCode()).isEqualTo("model_unavailable");
    assertThat(reply.raw()).contains("openai/gpt-6-luna");
    // The adapter retried the 500s before giving up.
    assertThat(model.requests()).hasSizeGreaterThan(1);
  }

  @Test
  void aTurnPausedForApprovalFinishesOnTheStillOpenSocketOnceApproved() {
    String agent = start();
    String approver = gateway.createKey("chat-approver", "approver").secret();
    ObjectNode change = Json.object().put("customer_id", "cus_003").put("status", "at_risk").put("reason", "asked");
    model.then(
        openAi.toolCall("call_1", "update_customer_status", change, false),
        openAi.text(false, "Customer cus_003 is now at_risk."));

    try (WsTestClient ws = WsTestClient.connect(gateway, null, agent)) {
      ObjectNode frame = Json.object().put("action", "chat").put("request_id", "r-pause");
      frame.putObject("payload").put("client_key", "demo").put("text", "Mark cus_003 at risk");
      ws.send(Json.write(frame));
      List<JsonNode> first = ws.untilFinal("r-pause");
      JsonNode paused = first.get(first.size() - 1);
      assertThat(paused.path("status").asText()).as(paused.toString()).isEqualTo("complete");
      assertThat(paused.path("intent").asText()).isEqualTo("awaiting_approval");
      assertThat(first).anySatisfy(m -> assertThat(m.at("/chunk/type").asText()).isEqualTo("approval_required"));
      String approvalId = paused.at("/evidence/paused_for_approval").asText();
      assertThat(model.requests()).as("the model is not asked again before the decision").hasSize(1);

      TestGateway.Reply decided = gateway.post("/confirm/" + approvalId, approver, "{\"decision\":\"approve\"}");
      assertThat(decided.status()).as(decided.raw()).isEqualTo(200);

      List<JsonNode> resumed = ws.untilFinal("r-pause");
      JsonNode complete = resumed.get(resumed.size() - 1);
      assertThat(complete.path("status").asText()).as(complete.toString()).isEqualTo("complete");
      assertThat(complete.path("answer").asText()).startsWith("Customer cus_003 is now at_risk.");
      assertThat(complete.at("/evidence/resumes_turn").asText()).isEqualTo(paused.path("turn_id").asText());
      assertThat(complete.path("session_id").asText()).isEqualTo(paused.path("session_id").asText());
      JsonNode result = model.requests().get(1).json().path("messages");
      assertThat(result.get(result.size() - 1).path("content").asText()).contains("at_risk");

      // REST clients read the resumed answer from the session's history.
      TestGateway.Reply history =
          gateway.get("/chat/sessions/" + paused.path("session_id").asText(), gateway.adminKey);
      assertThat(history.status()).as(history.raw()).isEqualTo(200);
      assertThat(history.raw()).contains("Customer cus_003 is now at_risk.");
    }
  }

  @Test
  void theApproversAnswerDoesNotWaitForTheSlowModelAndTheSocketStillGetsTheResumedAnswer() throws Exception {
    String agent = start();
    String approver = gateway.createKey("chat-approver", "approver").secret();
    ObjectNode change = Json.object().put("customer_id", "cus_003").put("status", "at_risk").put("reason", "asked");
    CountDownLatch modelMayAnswer = new CountDownLatch(1);
    model.then(
            openAi.toolCall("call_1", "update_customer_status", change, false),
            openAi.text(false, "Customer cus_003 is now at_risk."))
        .hold(1, modelMayAnswer);

    try (WsTestClient ws = WsTestClient.connect(gateway, null, agent)) {
      ObjectNode frame = Json.object().put("action", "chat").put("request_id", "r-slow");
      frame.putObject("payload").put("client_key", "demo").put("text", "Mark cus_003 at risk");
      ws.send(Json.write(frame));
      List<JsonNode> first = ws.untilFinal("r-slow");
      String approvalId = first.get(first.size() - 1).at("/evidence/paused_for_approval").asText();

      TestGateway.Reply decided = gateway.post("/confirm/" + approvalId, approver, "{\"decision\":\"approve\"}");

      // The model has not answered (it cannot until released), yet the approver has theirs.
      assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
      assertThat(modelMayAnswer.getCount()).isEqualTo(1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (model.requests().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(model.requests()).as("the resumed turn asks the model, off the approver's request").hasSize(2);
      modelMayAnswer.countDown();
      List<JsonNode> resumed = ws.untilFinal("r-slow");
      JsonNode complete = resumed.get(resumed.size() - 1);
      assertThat(complete.path("status").asText()).as(complete.toString()).isEqualTo("complete");
      assertThat(complete.path("answer").asText()).startsWith("Customer cus_003 is now at_risk.");
    } finally {
      modelMayAnswer.countDown();
    }
  }

  @Test
  void aClientsDefaultModelMustBeAConfiguredOneAndIsStoredByItsFullName() {
    String agent = start();
    model.then(openAi.text(false, "Hello."));

    TestGateway.Reply unknown = putClient("{\"default_model\":\"claude-opus-5-5\"}");
    TestGateway.Reply known = putClient("{\"default_model\":\"gpt-6-luna\"}");
    TestGateway.Reply reply = chat(agent, "hi", null);

    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
    assertThat(unknown.raw()).contains("/default_model", "claude-opus-5-5", "openai/gpt-6-luna");
    assertThat(known.status()).as(known.raw()).isEqualTo(200);
    assertThat(known.json().at("/client/default_model").asText()).isEqualTo("openai/gpt-6-luna");
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.json().at("/evidence/model").asText()).isEqualTo("gpt-6-luna");
  }

  @Test
  void aClientsOwnModelKeyIsStoredSealedForAConfiguredProviderAndNeverShown() {
    start();
    String key = "sk-client-own-0123456789abcdef";

    TestGateway.Reply unknown = putClient("{\"model_api_keys\":{\"anthropic\":\"" + key + "\"}}");
    TestGateway.Reply tooShort = putClient("{\"model_api_keys\":{\"openai\":\"sk-1\"}}");
    TestGateway.Reply spaced = putClient("{\"model_api_keys\":{\"openai\":\"sk-client own-0123\"}}");
    TestGateway.Reply notText = putClient("{\"model_api_keys\":[\"" + key + "\"]}");
    TestGateway.Reply stored = putClient("{\"model_api_keys\":{\"openai\":\"" + key + "\"}}");
    TestGateway.Reply listed = gateway.get("/clients", gateway.adminKey);

    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
    assertThat(unknown.raw()).contains("/model_api_keys/anthropic", "configured: openai").doesNotContain(key);
    assertThat(tooShort.status()).as(tooShort.raw()).isEqualTo(400);
    assertThat(tooShort.raw()).contains("/model_api_keys/openai", "too short").doesNotContain("sk-1\"");
    assertThat(spaced.status()).as(spaced.raw()).isEqualTo(400);
    assertThat(spaced.raw()).doesNotContain("own-0123");
    assertThat(notText.status()).as(notText.raw()).isEqualTo(400);
    assertThat(notText.raw()).contains("/model_api_keys").doesNotContain(key);
    assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
    assertThat(stored.json().at("/client/model_key_providers").toString()).isEqualTo("[\"openai\"]");
    assertThat(stored.raw()).doesNotContain(key);
    assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
    assertThat(listed.raw()).contains("model_api_key.openai").doesNotContain(key);
  }

  @Test
  void aClientWithItsOwnKeyChatsOnItAndAnotherClientOnTheServersKey() {
    gateway = TestGateway.start(workDir, Map.of(
        "OPENAI_BASE_URL", model.baseUrl("/v1"), "TOOLGATE_LLM_MODEL", "gpt-6-luna", "OPENAI_API_KEY", "sk-server-0123456789"));
    String agent = gateway.createKey("chat-agent", "agent").secret();
    String own = "sk-demo-own-0123456789abcdef";
    assertThat(putClient("{\"model_api_keys\":{\"openai\":\"" + own + "\"}}").status()).isEqualTo(200);
    TestGateway.Reply globex = gateway.send(
        gateway.request("/admin/clients/globex", gateway.adminKey)
            .header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"display_name\":\"Globex\"}")));
    assertThat(globex.status()).as(globex.raw()).isEqualTo(200);
    model.then(openAi.text(false, "Hello demo."), openAi.text(false, "Hello globex."));

    TestGateway.Reply demoReply = chat(agent, "hi", null);
    ObjectNode other = Json.object().put("client_key", "globex").put("text", "hi");
    TestGateway.Reply globexReply = gateway.post("/chat", agent, Json.write(other));
    TestGateway.Reply audit = gateway.get("/audit?limit=200", gateway.adminKey);

    assertThat(demoReply.status()).as(demoReply.raw()).isEqualTo(200);
    assertThat(globexReply.status()).as(globexReply.raw()).isEqualTo(200);
    assertThat(model.requests()).extracting(request -> request.header("authorization")).containsExactly("Bearer " + own, "Bearer sk-server-0123456789");
    assertThat(demoReply.raw() + globexReply.raw()).doesNotContain(own);
    assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
    assertThat(audit.raw()).contains("model_api_key.openai").doesNotContain(own);
  }

  private TestGateway.Reply putClient(String body) {
    return gateway.send(
        gateway.request("/admin/clients/demo", gateway.adminKey)
            .header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
  }
}
