package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery and tool calls through both REST shapes, with idempotency, policy, cache and rate limits. */
class ToolCallIntegrationTest {
  private static final List<String> DEFAULT_TOOLS =
      List.of(
          "campaign_performance", "create_ticket", "flow_performance", "get_incident_impact", "search_customer",
          "send_message", "update_customer_status");

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir);
    agent = gateway.createKey("agent", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void discoveryListsEveryVisibleToolWithSchemasAndAnnotations() {
    Reply reply = gateway.get("/mcp/tools", agent);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode tools = reply.json().path("tools");
    assertThat(names(tools)).containsExactlyElementsOf(DEFAULT_TOOLS);
    JsonNode update = find(tools, "update_customer_status");
    assertThat(update.path("title").asText()).isNotBlank();
    assertThat(update.path("category").asText()).isEqualTo("write");
    assertThat(update.path("input_schema").path("type").asText()).isEqualTo("object");
    assertThat(update.path("output_schema").isObject()).isTrue();
    assertThat(update.path("annotations").path("requires_approval").asBoolean()).isTrue();
    assertThat(update.path("annotations").path("read_only").asBoolean()).isFalse();
    assertThat(update.path("version").asText()).hasSize(16);
    JsonNode search = find(tools, "search_customer");
    assertThat(search.path("annotations").path("read_only").asBoolean()).isTrue();
    assertThat(search.path("annotations").path("cacheable").asBoolean()).isTrue();
    assertThat(search.path("annotations").path("requires_approval").asBoolean()).isFalse();
  }

  @Test
  void discoveryShowsOnlyWhatTheKeyMayCall() {
    var body = Json.object();
    body.putArray("allow_tools").add("search_customer").add("get_incident_impact");
    String narrow = gateway.createKey(body, "narrow", "agent").secret();

    assertThat(names(gateway.get("/mcp/tools", narrow).json().path("tools")))
        .containsExactly("get_incident_impact", "search_customer");
    assertThat(gateway.get("/mcp/tools/list", narrow).json().path("total").asInt()).isEqualTo(2);
    Reply hidden = gateway.get("/mcp/tools/create_ticket/schema", narrow);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.errorCode()).isEqualTo("unknown_tool");
  }

  @Test
  void globalAllowlistHidesAndRefusesOtherTools(@TempDir Path otherDir) {
    try (TestGateway narrow = TestGateway.start(otherDir, Map.of("ALLOWED_TOOLS", "search_customer"))) {
      assertThat(names(narrow.get("/mcp/tools/list", narrow.adminKey).json().path("tools")))
          .containsExactly("search_customer");
      Reply refused =
          narrow.post("/tools/send_message", narrow.adminKey, "{\"channel\":\"support\",\"text\":\"hi\"}");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.errorCode()).isEqualTo("tool_not_allowed");
      assertThat(refused.json().path("error").path("details").path("rule").asText()).isEqualTo("global_allowlist");
    }
  }

  @Test
  void callsAToolThroughTheSeed003Envelope() {
    Reply reply =
        gateway.post("/mcp/tools/call", agent, "{\"tool_name\":\"search_customer\",\"params\":{\"query\":\"acme\"}}");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.path("success").asBoolean()).isTrue();
    assertThat(body.path("tool_name").asText()).isEqualTo("search_customer");
    assertThat(body.path("result").toString()).contains("cus_001");
    assertThat(body.path("idempotent_replay").asBoolean()).isFalse();
    assertThat(body.path("cache").has("hit")).isTrue();
    assertThat(body.path("cache").has("age_ms")).isTrue();
    assertThat(body.path("request_id").asText()).isEqualTo(reply.header("X-Request-ID"));
  }

  @Test
  void callsAToolByPathWithTheBodyAsArguments() {
    Reply reply = gateway.post("/tools/get_incident_impact", agent, "{\"incident_id\":\"inc_001\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("result").toString()).contains("cus_002", "cus_005", "cus_007");
  }

  @Test
  void secondIdenticalReadIsServedFromTheCache() {
    String body = "{\"query\":\"globex\",\"limit\":3}";
    Reply first = gateway.post("/tools/search_customer", agent, body);
    Reply second = gateway.post("/tools/search_customer", agent, body);

    assertThat(first.json().path("cache").path("hit").asBoolean()).isFalse();
    assertThat(second.json().path("cache").path("hit").asBoolean()).isTrue();
    assertThat(second.json().path("result")).isEqualTo(first.json().path("result"));
  }

  @Test
  void unknownToolIsNotFoundInBothShapes() {
    Reply direct = gateway.post("/tools/launch_rockets", agent, "{}");
    Reply envelope = gateway.post("/mcp/tools/call", agent, "{\"tool_name\":\"launch_rockets\",\"params\":{}}");
    Reply schema = gateway.get("/mcp/tools/launch_rockets/schema", agent);

    assertThat(direct.status()).isEqualTo(404);
    assertThat(direct.errorCode()).isEqualTo("unknown_tool");
    assertThat(envelope.status()).isEqualTo(404);
    assertThat(envelope.errorCode()).isEqualTo("unknown_tool");
    assertThat(schema.status()).isEqualTo(404);
    assertThat(schema.errorCode()).isEqualTo("unknown_tool");
  }

  @Test
  void envelopeWithoutToolNameOrWithUnknownFieldsIsInvalid() {
    Reply missing = gateway.post("/mcp/tools/call", agent, "{\"params\":{}}");
    Reply typo = gateway.post("/mcp/tools/call", agent, "{\"tool_name\":\"search_customer\",\"parms\":{}}");
    Reply wrongType = gateway.post("/mcp/tools/call", agent, "{\"tool_name\":7}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("invalid_request");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.json().path("error").path("details").path("errors").findValuesAsText("field")).contains("/parms");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().path("error").path("message").asText()).contains("tool_name");
  }

  @Test
  void deniedToolNamesTheRule() {
    var body = Json.object();
    body.putArray("deny_tools").add("send_message");
    String denied = gateway.createKey(body, "no-messages", "agent").secret();

    Reply reply = gateway.post("/tools/send_message", denied, "{\"channel\":\"support\",\"text\":\"hello\"}");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("tool_not_allowed");
    assertThat(reply.json().path("error").path("details").path("rule").asText()).isEqualTo("key_deny");
  }

  @Test
  void overTheRateLimitAnswers429WithRetryAfter() {
    var body = Json.object().put("rate_limit", "2/minute");
    String limited = gateway.createKey(body, "limited", "agent").secret();

    for (int i = 0; i < 2; i++) {
      assertThat(gateway.post("/tools/search_customer", limited, "{\"query\":\"x" + i + "\"}").status()).isEqualTo(200);
    }
    Reply reply = gateway.post("/tools/search_customer", limited, "{\"query\":\"again\"}");

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.errorCode()).isEqualTo("rate_limited");
    assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(reply.json().path("error").path("details").path("retry_after_ms").asLong()).isPositive();
  }

  @Test
  void sameIdempotencyKeyReplaysTheStoredOutcome() {
    String args = "{\"customer_id\":\"cus_003\",\"subject\":\"Cannot export invoices\"}";
    int before = gateway.runtime.supportDesk().listTickets("cus_003", 1000).size();

    Reply first = gateway.post("/tools/create_ticket", agent, args, "Idempotency-Key", "ticket-replay-1");
    Reply second = gateway.post("/tools/create_ticket", agent, args, "Idempotency-Key", "ticket-replay-1");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("idempotent_replay").asBoolean()).isFalse();
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("idempotent_replay").asBoolean()).isTrue();
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.json().path("result")).isEqualTo(first.json().path("result"));
    assertThat(gateway.runtime.supportDesk().listTickets("cus_003", 1000)).hasSize(before + 1);
  }

  @Test
  void idempotencyKeyInTheEnvelopeBodyWorksLikeTheHeader() {
    String call =
        "{\"tool_name\":\"create_ticket\",\"idempotency_key\":\"env-key-1\","
            + "\"params\":{\"customer_id\":\"cus_006\",\"subject\":\"Login loop\"}}";

    Reply first = gateway.post("/mcp/tools/call", agent, call);
    Reply second = gateway.post("/tools/create_ticket", agent, "{\"customer_id\":\"cus_006\",\"subject\":\"Login loop\"}",
        "Idempotency-Key", "env-key-1");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.json().path("idempotent_replay").asBoolean()).isTrue();
    assertThat(second.json().path("result")).isEqualTo(first.json().path("result"));
  }

  @Test
  void reusedIdempotencyKeyWithOtherArgumentsIs422AndCreatesNothing() {
    gateway.post("/tools/create_ticket", agent, "{\"customer_id\":\"cus_007\",\"subject\":\"First\"}",
        "Idempotency-Key", "reuse-1");
    int before = gateway.runtime.supportDesk().listTickets("cus_007", 1000).size();

    Reply reply = gateway.post("/tools/create_ticket", agent, "{\"customer_id\":\"cus_007\",\"subject\":\"Other\"}",
        "Idempotency-Key", "reuse-1");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo("idempotency_key_reused");
    assertThat(gateway.runtime.supportDesk().listTickets("cus_007", 1000)).hasSize(before);
  }

  @Test
  void conflictingOrMalformedIdempotencyKeysAreRefused() {
    Reply conflicting =
        gateway.post("/mcp/tools/call", agent,
            "{\"tool_name\":\"create_ticket\",\"idempotency_key\":\"a\",\"params\":{\"customer_id\":\"cus_001\",\"subject\":\"s\"}}",
            "Idempotency-Key", "b");
    Reply tooLong =
        gateway.post("/tools/create_ticket", agent, "{\"customer_id\":\"cus_001\",\"subject\":\"s\"}",
            "Idempotency-Key", "k".repeat(256));

    assertThat(conflicting.status()).isEqualTo(400);
    assertThat(conflicting.errorCode()).isEqualTo("invalid_request");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errorCode()).isEqualTo("invalid_request");
  }

  @Test
  void failedToolMapsItsCode() {
    Reply reply = gateway.post("/tools/create_ticket", agent, "{\"customer_id\":\"cus_999\",\"subject\":\"Ghost\"}");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("not_found");
    assertThat(reply.json().path("error").path("details").path("retryable").asBoolean()).isFalse();
  }

  static List<String> names(JsonNode tools) {
    List<String> names = new ArrayList<>();
    tools.forEach(tool -> names.add(tool.path("name").asText()));
    return names;
  }

  private static JsonNode find(JsonNode tools, String name) {
    for (JsonNode tool : tools) {
      if (tool.path("name").asText().equals(name)) {
        return tool;
      }
    }
    throw new AssertionError("no tool " + name + " in " + tools);
  }
}
