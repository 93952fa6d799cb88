package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /audit/prune} over a real server and SQLite file, archiving to the configured dir. */
class AuditPruneIntegrationTest {
  @TempDir Path workDir;
  private TestGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void anAdminPrunesTheOldRecordsAfterArchivingThemAndTheRestVerifies() throws Exception {
    Path archiveDir = workDir.resolve("archive");
    gateway = TestGateway.start(
        workDir, Map.of("TOOLGATE_AUDIT_RETENTION_DAYS", "30", "TOOLGATE_AUDIT_ARCHIVE_DIR", archiveDir.toString()));
    String agent = gateway.createKey("agent", "agent").secret();
    gateway.post("/tools/search_customer", agent, "{\"query\":\"acme\"}");
    gateway.post("/tools/search_customer", agent, "{\"query\":\"acme\"}");

    Reply reply = gateway.post("/audit/prune", gateway.adminKey, "{\"before\":\"" + Instant.now().plusSeconds(60) + "\"}");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    long deleted = reply.json().path("deleted").asLong();
    assertThat(deleted).isPositive();
    assertThat(reply.json().path("checkpoints").path(0).path("seq").asLong()).isEqualTo(deleted);
    String archive = reply.json().path("archives").path(0).asText();
    assertThat(archive).isEqualTo("audit-1-" + deleted + ".jsonl.gz");
    assertThat(Files.size(archiveDir.resolve(archive))).isPositive();
    Reply verify = gateway.get("/audit/verify", gateway.adminKey);
    assertThat(verify.json().path("valid").asBoolean()).as(verify.raw()).isTrue();
  }

  @Test
  void aBadDateIsA400NamingTheFieldAndANonAdminIsRefused() {
    gateway = TestGateway.start(workDir);
    String operator = gateway.createKey("operator", "operator").secret();

    Reply bad = gateway.post("/audit/prune", gateway.adminKey, "{\"before\":\"last week\"}");
    Reply missing = gateway.post("/audit/prune", gateway.adminKey, "{}");
    Reply forbidden = gateway.post("/audit/prune", operator, "{\"before\":\"2026-01-01\"}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("details").path("errors").get(0).path("field").asText()).as(bad.raw())
        .isEqualTo("/before");
    assertThat(bad.raw()).contains("last week");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.raw()).contains("/before");
    assertThat(forbidden.status()).isEqualTo(403);
  }
}
