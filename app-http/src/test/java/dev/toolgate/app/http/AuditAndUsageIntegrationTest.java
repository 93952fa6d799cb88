package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit query, JSON Lines export, chain verification and usage counters over REST. */
class AuditAndUsageIntegrationTest {
  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;
  static String agentKeyId;
  static String operator;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir);
    var agentKey = gateway.createKey("agent", "agent");
    agent = agentKey.secret();
    agentKeyId = agentKey.id();
    operator = gateway.createKey("operator", "operator").secret();
    gateway.post("/tools/search_customer", agent, "{\"query\":\"acme\"}");
    gateway.post("/tools/search_customer", agent, "{\"query\":\"acme\"}");
    gateway.post("/tools/send_message", agent, "{\"channel\":\"#support\",\"text\":\"hello\"}");
    gateway.post("/tools/launch_rockets", agent, "{}");
    gateway.post("/tools/search_customer", agent, "{\"query\": 1}");
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static List<JsonNode> records(Reply reply) {
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    List<JsonNode> records = new ArrayList<>();
    reply.json().path("records").forEach(records::add);
    return records;
  }

  @Test
  void everyCallLeavesARecordWithItsOutcome() {
    List<JsonNode> records = records(gateway.get("/audit?key_id=" + agentKeyId, operator));

    assertThat(records).extracting(r -> r.path("outcome").asText())
        .contains("executed", "cache_hit", "unknown_tool", "invalid");
    assertThat(records).allSatisfy(r -> {
      assertThat(r.path("key_id").asText()).isEqualTo(agentKeyId);
      assertThat(r.path("hash").asText()).hasSize(64);
      assertThat(r.path("request_id").asText()).isNotBlank();
    });
    assertThat(records.get(0).path("seq").asLong()).isGreaterThan(records.get(records.size() - 1).path("seq").asLong());
  }

  @Test
  void filtersByToolOutcomeAndPagesForward() {
    List<JsonNode> messages = records(gateway.get("/audit?tool=send_message", operator));
    List<JsonNode> hits = records(gateway.get("/audit?outcome=cache_hit", operator));
    List<JsonNode> firstTwo = records(gateway.get("/audit?after_seq=0&limit=2", operator));
    List<JsonNode> next = records(gateway.get("/audit?after_seq=" + firstTwo.get(1).path("seq").asLong() + "&limit=2", operator));

    assertThat(messages).isNotEmpty().allSatisfy(r -> assertThat(r.path("tool").asText()).isEqualTo("send_message"));
    assertThat(hits).isNotEmpty().allSatisfy(r -> assertThat(r.path("outcome").asText()).isEqualTo("cache_hit"));
    assertThat(firstTwo).extracting(r -> r.path("seq").asLong()).containsExactly(1L, 2L);
    assertThat(next).extracting(r -> r.path("seq").asLong()).containsExactly(3L, 4L);
    assertThat(records(gateway.get("/audit?chain=main&after_seq=2&limit=2", operator)))
        .extracting(r -> r.path("seq").asLong()).containsExactly(3L, 4L);
    assertThat(records(gateway.get("/audit?chain=w-other", operator))).isEmpty();
  }

  @Test
  void exportsJsonLinesInSeqOrder() {
    Reply reply = gateway.get("/audit/export?tool=search_customer", operator);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/x-ndjson");
    List<JsonNode> lines = reply.raw().lines().map(Json::parse).toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(r -> assertThat(r.path("tool").asText()).isEqualTo("search_customer"));
    assertThat(lines).extracting(r -> r.path("seq").asLong()).isSorted();
  }

  @Test
  void verifiesTheChain() {
    Reply reply = gateway.get("/audit/verify", operator);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("valid").asBoolean()).isTrue();
    assertThat(reply.json().path("checked").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(reply.json().path("first_bad_seq").isNull()).isTrue();
  }

  @Test
  void agentsMayNotReadTheAudit() {
    for (String path : List.of("/audit", "/audit/export", "/audit/verify", "/usage")) {
      Reply reply = gateway.get(path, agent);
      assertThat(reply.status()).as(path).isEqualTo(403);
      assertThat(reply.errorCode()).as(path).isEqualTo("forbidden");
    }
  }

  @Test
  void badFiltersAreRefused() {
    assertThat(gateway.get("/audit?since=yesterday", operator).errorCode()).isEqualTo("invalid_request");
    assertThat(gateway.get("/audit?limit=0", operator).status()).isEqualTo(400);
    assertThat(gateway.get("/audit?after_seq=-1", operator).status()).isEqualTo(400);
    assertThat(gateway.get("/audit?order=sideways", operator).status()).isEqualTo(400);
    assertThat(gateway.get("/audit?chain=a%2Fb", operator).errorCode()).isEqualTo("invalid_request");
    assertThat(gateway.get("/audit?since=2026-02-01&until=2026-01-01", operator).status()).isEqualTo(400);
    assertThat(gateway.get("/usage?from=2026-13-01", operator).status()).isEqualTo(400);
    assertThat(gateway.get("/usage?from=2026-02-01&to=2026-01-01", operator).status()).isEqualTo(400);
  }

  @Test
  void countsUsagePerToolAndDay() {
    Reply reply = gateway.get("/usage", operator);

    assertThat(reply.status()).isEqualTo(200);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(reply.json().path("to").asText()).isEqualTo(today);
    JsonNode search = null;
    for (JsonNode row : reply.json().path("rows")) {
      if (row.path("tool").asText().equals("search_customer") && row.path("day").asText().equals(today)) {
        search = row;
      }
    }
    assertThat(search).as(reply.raw()).isNotNull();
    assertThat(search.path("calls").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(search.path("errors").asLong()).isGreaterThanOrEqualTo(1);
  }
}
