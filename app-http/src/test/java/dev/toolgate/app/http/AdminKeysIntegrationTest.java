package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API-key management: admin only, secrets shown once, never listed. */
class AdminKeysIntegrationTest {
  @TempDir static Path workDir;
  static TestGateway gateway;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void createsAKeyAndShowsItsSecretOnce() {
    Reply created =
        gateway.post("/admin/keys", gateway.adminKey,
            "{\"name\":\"ci bot\",\"roles\":[\"agent\",\"operator\"],\"client_key\":\"demo\","
                + "\"deny_tools\":[\"send_message\"],\"rate_limit\":\"30/minute\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");
    JsonNode key = created.json().path("key");
    String secret = created.json().path("secret").asText();
    assertThat(secret).startsWith("tg_");
    assertThat(key.path("name").asText()).isEqualTo("ci bot");
    assertThat(key.path("roles").toString()).isEqualTo("[\"agent\",\"operator\"]");
    assertThat(key.path("client_key").asText()).isEqualTo("demo");
    assertThat(key.path("deny_tools").toString()).isEqualTo("[\"send_message\"]");
    assertThat(key.path("rate_limit").asText()).isEqualTo("30/minute");
    assertThat(key.path("active").asBoolean()).isTrue();
    assertThat(gateway.get("/mcp/tools/list", secret).status()).isEqualTo(200);

    Reply listed = gateway.get("/admin/keys", gateway.adminKey);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.raw()).doesNotContain(secret).doesNotContain(secret.substring(secret.length() - 12));
    assertThat(listed.raw()).doesNotContain("hash");
    List<String> ids = new ArrayList<>();
    listed.json().path("keys").forEach(k -> ids.add(k.path("id").asText()));
    assertThat(ids).contains(key.path("id").asText());
  }

  @Test
  void revokesAKey() {
    var issued = gateway.createKey("to revoke", "agent");

    Reply revoked = gateway.delete("/admin/keys/" + issued.id(), gateway.adminKey);
    Reply again = gateway.delete("/admin/keys/" + issued.id(), gateway.adminKey);

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("was_active").asBoolean()).isTrue();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("was_active").asBoolean()).isFalse();
    assertThat(gateway.get("/mcp/tools", issued.secret()).errorCode()).isEqualTo("invalid_key");
  }

  @Test
  void revokingAnUnknownKeyIsNotFound() {
    Reply reply = gateway.delete("/admin/keys/no_such_key", gateway.adminKey);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("not_found");
  }

  @Test
  void onlyAdminsManageKeys() {
    String operator = gateway.createKey("operator", "operator", "approver").secret();

    Reply create = gateway.post("/admin/keys", operator, "{\"name\":\"sneaky\",\"roles\":[\"admin\"]}");
    Reply list = gateway.get("/admin/keys", operator);
    Reply revoke = gateway.delete("/admin/keys/anything", operator);

    assertThat(create.status()).isEqualTo(403);
    assertThat(create.errorCode()).isEqualTo("forbidden");
    assertThat(list.status()).isEqualTo(403);
    assertThat(revoke.status()).isEqualTo(403);
  }

  @Test
  void reportsEveryProblemOfAKeyRequestAtOnce() {
    Reply reply =
        gateway.post("/admin/keys", gateway.adminKey,
            "{\"roles\":[\"agent\",\"wizard\",3],\"rate_limit\":\"lots\",\"allow_tools\":\"all\",\"colour\":\"blue\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid_request");
    List<String> fields = new ArrayList<>();
    reply.json().path("error").path("details").path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("/colour", "/name", "/roles/1", "/roles/2", "/allow_tools", "/rate_limit");
  }
}
