package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code POST /chat} and the client routes over a real server and SQLite file, with the demo client. */
class ChatHttpIntegrationTest {
  private static final String KLAVIYO_KEY = "pk_live_9f8e7d6c5b4a3210fedcba";

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir);
    agent = gateway.createKey("chat-agent", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static TestGateway.Reply chat(String key, String client, String text, String session) {
    ObjectNode body = Json.object();
    body.put("client_key", client);
    body.put("text", text);
    if (session != null) {
      body.put("session_id", session);
    }
    return gateway.post("/chat", key, Json.write(body));
  }

  private static TestGateway.Reply putClient(String key, String client, ObjectNode body) {
    return gateway.send(
        gateway.request("/admin/clients/" + client, key)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
  }

  @Test
  void aSessionIsReadByItsOwnClientAndAnotherClientGetsTheSame404AsAnUnknownId() {
    String demo = gateway.createKey(Json.object().put("client_key", "demo"), "demo-agent", "agent").secret();
    TestGateway.Reply hooli = putClient(gateway.adminKey, "hooli", Json.object().put("display_name", "Hooli"));
    assertThat(hooli.status()).as(hooli.raw()).isEqualTo(200);
    String other = gateway.createKey(Json.object().put("client_key", "hooli"), "hooli-agent", "agent").secret();
    TestGateway.Reply asked = chat(demo, "demo", "summarize last week's campaign performance", null);
    assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
    String session = asked.json().path("session_id").asText();

    TestGateway.Reply own = gateway.get("/chat/sessions/" + session, demo);
    TestGateway.Reply foreign = gateway.get("/chat/sessions/" + session, other);
    TestGateway.Reply unknown = gateway.get("/chat/sessions/ses_doesnotexist0000000", other);
    TestGateway.Reply unscoped = gateway.get("/chat/sessions/" + session, agent);

    assertThat(own.status()).as(own.raw()).isEqualTo(200);
    assertThat(own.json().path("turns")).hasSize(1);
    assertThat(own.json().at("/turns/0/answer").asText()).isEqualTo(asked.json().path("answer").asText());
    assertThat(foreign.status()).as(foreign.raw()).isEqualTo(404);
    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(404);
    assertThat(foreign.errorCode()).isEqualTo(unknown.errorCode()).isEqualTo("not_found");
    assertThat(foreign.json().at("/error/message").asText())
        .isEqualTo(unknown.json().at("/error/message").asText().replace("ses_doesnotexist0000000", session));
    assertThat(unscoped.status()).as("an unscoped agent key is no client: " + unscoped.raw()).isEqualTo(403);
  }

  @Test
  void answersThreeDifferentQuestionsAboutTheDemoClientWithEvidence() {
    TestGateway.Reply summary = chat(agent, "demo", "Summarize last week's campaign performance", null);
    String session = summary.json().path("session_id").asText();
    TestGateway.Reply top = chat(agent, "demo", "top 3 campaigns by revenue last month", session);
    TestGateway.Reply flows = chat(agent, "demo", "how did our flows do in the last 30 days?", session);

    for (TestGateway.Reply reply : List.of(summary, top, flows)) {
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      JsonNode body = reply.json();
      assertThat(body.path("answer").asText()).contains("$").contains("sample data set");
      assertThat(body.path("sample_data").asBoolean()).isTrue();
      assertThat(body.path("request_id").asText()).isEqualTo(reply.header("X-Request-ID"));
      JsonNode evidence = body.path("evidence");
      assertThat(evidence.path("sample_data").asBoolean()).isTrue();
      assertThat(evidence.path("tool_calls").get(0).path("outcome").asText()).isEqualTo("ok");
      assertThat(evidence.path("tool_calls").get(0).path("arguments").path("client_key").asText()).isEqualTo("demo");
      assertThat(evidence.path("range").path("time_zone").asText()).isEqualTo("UTC");
      assertThat(evidence.path("request_id").asText()).isEqualTo(reply.header("X-Request-ID"));
      assertThat(body.path("session_id").asText()).isEqualTo(session);
    }
    assertThat(summary.json().path("intent").asText()).isEqualTo("campaign_summary");
    assertThat(top.json().path("intent").asText()).isEqualTo("top_campaigns");
    assertThat(flows.json().path("intent").asText()).isEqualTo("flow_performance");
    assertThat(flows.json().at("/evidence/tool_calls/0/tool").asText()).isEqualTo("flow_performance");
  }

  @Test
  void servesARepeatedQuestionFromTheCacheAndAuditsBoth() {
    TestGateway.Reply first = chat(agent, "demo", "compare this week with last week", null);
    TestGateway.Reply second = chat(agent, "demo", "compare this week with last week", null);

    assertThat(first.json().at("/evidence/tool_calls/0/cache_hit").asBoolean()).isFalse();
    assertThat(second.json().at("/evidence/tool_calls/0/cache_hit").asBoolean()).isTrue();
    assertThat(second.json().path("answer").asText()).isEqualTo(first.json().path("answer").asText());
    String requestId = second.header("X-Request-ID");
    JsonNode audit = gateway.get("/audit?limit=50", gateway.adminKey).json();
    assertThat(audit.toString()).contains(requestId).contains("campaign_performance");
  }

  @Test
  void refusesBadChatRequestsWithTheCommonErrorShape() {
    assertThat(chat(agent, "nobody", "campaigns last week", null).errorCode()).isEqualTo("unknown_client");
    assertThat(chat(agent, "nobody", "campaigns last week", null).status()).isEqualTo(404);
    TestGateway.Reply blank = chat(agent, "demo", "  ", null);
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.errorCode()).isEqualTo("invalid_question");
    TestGateway.Reply missing = gateway.post("/chat", agent, "{\"text\":\"hi\",\"extra\":1}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("invalid_request");
    assertThat(missing.json().at("/error/details/errors").toString()).contains("/client_key").contains("/extra");
    assertThat(chat(null, "demo", "campaigns last week", null).status()).isEqualTo(401);
  }

  @Test
  void listsClientsWithoutSecretsAndAddsOneWhoseKeyIsEncryptedAtRest() throws Exception {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.TRACE);
    TestGateway.Reply created;
    TestGateway.Reply listed;
    try {
      ObjectNode body = Json.object();
      body.put("display_name", "Acme Apparel");
      body.put("time_zone", "Europe/Berlin");
      body.put("klaviyo_api_key", KLAVIYO_KEY);
      created = putClient(gateway.adminKey, "acme", body);
      listed = gateway.get("/clients", agent);
    } finally {
      root.detachAppender(captured);
      root.setLevel(before);
    }

    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");
    assertThat(created.json().path("client").path("marketing_backend").asText()).isEqualTo("klaviyo");
    assertThat(created.json().path("client").path("secrets").toString()).isEqualTo("[\"klaviyo_api_key\"]");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().path("clients").findValuesAsText("client_key")).contains("acme", "demo");
    JsonNode demo = find(listed.json().path("clients"), "demo");
    assertThat(demo.path("marketing_backend").asText()).isEqualTo("sample");
    for (TestGateway.Reply reply : List.of(created, listed)) {
      assertThat(reply.raw()).doesNotContain(KLAVIYO_KEY).doesNotContain("9f8e7d6c5b4a");
    }
    List<String> logged = new ArrayList<>();
    captured.list.forEach(event -> {
      logged.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        logged.add(event.getThrowableProxy().getMessage());
      }
    });
    assertThat(logged).anyMatch(line -> line.contains("secret klaviyo_api_key of client acme stored"));
    assertThat(String.join("\n", logged)).doesNotContain(KLAVIYO_KEY).doesNotContain("9f8e7d6c5b4a");

    Path data = workDir.resolve("data");
    try (Stream<Path> files = Files.list(data)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("toolgate.db")).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(file.toString()).doesNotContain(KLAVIYO_KEY).doesNotContain("9f8e7d6c5b4a");
      }
    }
    Path masterKey = data.resolve("master.key");
    assertThat(masterKey).isRegularFile();
    if (Files.getFileAttributeView(masterKey, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey))).isEqualTo("rw-------");
    }
  }

  @Test
  void onlyAdminsAddClientsAndBadProfilesAreRefusedAtTheirFields() {
    ObjectNode body = Json.object();
    body.put("display_name", "Globex");
    TestGateway.Reply forbidden = putClient(agent, "globex", body);
    assertThat(forbidden.status()).isEqualTo(403);

    ObjectNode bad = Json.object();
    bad.put("time_zone", "Mars/Olympus");
    bad.put("marketing_backend", "mailchimp");
    bad.put("klaviyo_api_key", "pk with spaces");
    TestGateway.Reply refused = putClient(gateway.adminKey, "globex", bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("invalid_request");
    assertThat(refused.json().at("/error/details/errors").toString())
        .contains("/time_zone").contains("/marketing_backend").contains("/klaviyo_api_key")
        .doesNotContain("pk with spaces");
    ObjectNode nameless = Json.object();
    nameless.put("time_zone", "Europe/Berlin");
    TestGateway.Reply noName = putClient(gateway.adminKey, "globex", nameless);
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.json().at("/error/details/errors/0/field").asText()).isEqualTo("/display_name");
    assertThat(gateway.get("/clients", gateway.adminKey).json().path("clients").findValuesAsText("client_key"))
        .doesNotContain("globex");
  }

  @Test
  void aClientWithoutMarketingAccountGetsAnAnswerSayingSo() {
    ObjectNode body = Json.object();
    body.put("display_name", "Initech");
    assertThat(putClient(gateway.adminKey, "initech", body).status()).isEqualTo(200);

    TestGateway.Reply reply = chat(agent, "initech", "campaigns last week", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("answer").asText()).contains("has no marketing account connected");
    assertThat(reply.json().at("/evidence/tool_calls/0/outcome").asText()).isEqualTo("upstream_rejected");
  }

  private static JsonNode find(JsonNode clients, String key) {
    for (JsonNode client : clients) {
      if (client.path("client_key").asText().equals(key)) {
        return client;
      }
    }
    throw new AssertionError("no client " + key + " in " + clients);
  }
}
