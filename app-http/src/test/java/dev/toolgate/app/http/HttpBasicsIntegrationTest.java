package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, request ids, authentication, the error shape and body limits, on a real server. */
class HttpBasicsIntegrationTest {
  @TempDir static Path workDir;
  static TestGateway gateway;

  @BeforeAll
  static void start() {
    gateway =
        TestGateway.start(
            workDir, Map.of("TOOLGATE_MAX_BODY_BYTES", "2048", "CORS_ORIGINS", "http://app.example:3000"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void healthEndpointsNeedNoKey() {
    Reply healthz = gateway.get("/healthz", null);
    Reply readyz = gateway.get("/readyz", null);
    Reply health = gateway.get("/health", null);

    assertThat(healthz.status()).isEqualTo(200);
    assertThat(healthz.json().path("status").asText()).isEqualTo("ok");
    assertThat(readyz.status()).isEqualTo(200);
    assertThat(readyz.json().path("status").asText()).isEqualTo("ready");
    assertThat(readyz.json().path("store").asText()).isEqualTo("ok");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("ok");
    assertThat(health.json().path("version").asText()).isNotBlank().isNotEqualTo("unknown");
    assertThat(health.json().path("features").toString()).isEqualTo("[\"tools\",\"approvals\",\"audit\"]");
    assertThat(healthz.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void echoesAWellFormedRequestIdAndReplacesAnyOther() {
    Reply echoed = gateway.send(gateway.request("/healthz", null).header("X-Request-ID", "trace-42.a_b"));
    Reply replaced = gateway.send(gateway.request("/healthz", null).header("X-Request-ID", "bad id\u00e9!"));
    Reply generated = gateway.get("/healthz", null);

    assertThat(echoed.header("X-Request-ID")).isEqualTo("trace-42.a_b");
    assertThat(echoed.json().path("request_id").asText()).isEqualTo("trace-42.a_b");
    assertThat(replaced.header("X-Request-ID")).isNotBlank().isNotEqualTo("bad id\u00e9!").matches("[0-9a-f-]{36}");
    assertThat(generated.header("X-Request-ID")).matches("[0-9a-f-]{36}");
    assertThat(generated.json().path("request_id").asText()).isEqualTo(generated.header("X-Request-ID"));
  }

  @Test
  void missingKeyIsUnauthenticatedWithABearerChallenge() {
    Reply reply = gateway.get("/mcp/tools", null);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("unauthenticated");
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=\"toolgate\"");
  }

  @Test
  void wrongKeyIsInvalidAndNeverEchoed() {
    Reply reply = gateway.send(gateway.request("/mcp/tools", null).header("X-API-Key", "tg_nope_wrongsecret"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("invalid_key");
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=\"toolgate\"");
    assertThat(reply.raw()).doesNotContain("wrongsecret");
  }

  @Test
  void revokedKeyStopsWorking() {
    var key = gateway.createKey("short-lived", "agent");
    String secret = key.secret();
    assertThat(gateway.get("/mcp/tools", secret).status()).isEqualTo(200);

    assertThat(gateway.delete("/admin/keys/" + key.id(), gateway.adminKey).status()).isEqualTo(200);
    Reply reply = gateway.get("/mcp/tools", secret);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("invalid_key");
  }

  @Test
  void acceptsTheKeyInAnyOfTheThreeHeaders() {
    String secret = gateway.createKey("headers", "agent").secret();

    assertThat(gateway.send(gateway.request("/mcp/tools/list", secret)).status()).isEqualTo(200);
    assertThat(gateway.send(gateway.request("/mcp/tools/list", null).header("X-API-Key", secret)).status())
        .isEqualTo(200);
    assertThat(gateway.send(gateway.request("/mcp/tools/list", null).header("X-Proxy-Key", secret)).status())
        .isEqualTo(200);
  }

  @Test
  void unknownRouteAndWrongMethodUseTheErrorShape() {
    Reply unknown = gateway.get("/no/such/route", gateway.adminKey);
    Reply wrongMethod = gateway.send(gateway.request("/healthz", null).DELETE());

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
  }

  @Test
  void malformedJsonSaysWhere() {
    Reply reply = gateway.post("/tools/search_customer", gateway.adminKey, "{\"query\": \"acme\",\n  oops}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("malformed_json");
    assertThat(reply.json().path("error").path("details").path("line").asInt()).isEqualTo(2);
    assertThat(reply.json().path("error").path("message").asText()).contains("line 2");
  }

  @Test
  void malformedJsonNeverShowsParserInternals() {
    Reply reply = gateway.post("/tools/search_customer", gateway.adminKey, "{\"query\": \"acme\"");

    assertThat(reply.errorCode()).isEqualTo("malformed_json");
    assertThat(reply.json().path("error").path("message").asText())
        .startsWith("the request body is not valid JSON at line 1")
        .doesNotContain("StreamReadFeature")
        .doesNotContain("[Source");
  }

  @Test
  void trailingGarbageAfterTheJsonIsMalformed() {
    Reply reply = gateway.post("/tools/search_customer", gateway.adminKey, "{\"query\": \"acme\"} {}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("malformed_json");
  }

  @Test
  void argumentsThatAreNotAnObjectAreInvalid() {
    Reply array = gateway.post("/tools/search_customer", gateway.adminKey, "[1, 2]");
    Reply params = gateway.post("/mcp/tools/call", gateway.adminKey, "{\"tool_name\":\"search_customer\",\"params\":\"acme\"}");

    assertThat(array.status()).isEqualTo(400);
    assertThat(array.errorCode()).isEqualTo("invalid_arguments");
    assertThat(array.json().path("error").path("message").asText()).contains("array");
    assertThat(params.status()).isEqualTo(400);
    assertThat(params.errorCode()).isEqualTo("invalid_arguments");
  }

  @Test
  void wrongArgumentTypesGetFieldLevelErrors() {
    Reply reply =
        gateway.post("/tools/search_customer", gateway.adminKey, "{\"query\": 42, \"limit\": \"ten\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid_arguments");
    assertThat(reply.json().path("error").path("details").path("errors").findValuesAsText("field"))
        .contains("/query", "/limit");
    assertThat(reply.json().path("success").asBoolean(true)).isFalse();
  }

  @Test
  void oversizedBodyIsRefusedInOurShape() {
    String big = "{\"query\": \"" + "x".repeat(4000) + "\"}";

    Reply reply = gateway.post("/tools/search_customer", gateway.adminKey, big);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errorCode()).isEqualTo("payload_too_large");
    assertThat(reply.json().path("error").path("details").path("max_bytes").asLong()).isEqualTo(2048);
  }

  @Test
  void oversizedChunkedBodyIsRefusedToo() {
    String big = "{\"query\": \"" + "x".repeat(4000) + "\"}";
    var publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big));

    Reply reply =
        gateway.send(
            gateway.request("/tools/search_customer", gateway.adminKey)
                .header("Content-Type", "application/json")
                .POST(publisher));

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errorCode()).isEqualTo("payload_too_large");
  }

  @Test
  void corsAnswersOnlyTheConfiguredOrigin() {
    Reply allowed = gateway.send(gateway.request("/healthz", null).header("Origin", "http://app.example:3000"));
    Reply other = gateway.send(gateway.request("/healthz", null).header("Origin", "http://evil.example"));
    Reply preflight =
        gateway.send(
            gateway.request("/tools/search_customer", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.example:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key, content-type"));

    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://app.example:3000");
    assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-Request-ID");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://app.example:3000");
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("X-API-Key").contains("Idempotency-Key");
  }

  @Test
  void corsPreflightAllowsEveryMethodTheRoutesUse() {
    // PUT /admin/clients/{key} and DELETE /admin/keys/{id}: a browser asks before sending either.
    Reply preflight =
        gateway.send(
            gateway.request("/admin/clients/acme", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.example:3000")
                .header("Access-Control-Request-Method", "PUT"));

    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Methods").split(",\\s*"))
        .contains("GET", "POST", "PUT", "DELETE");
  }
}
