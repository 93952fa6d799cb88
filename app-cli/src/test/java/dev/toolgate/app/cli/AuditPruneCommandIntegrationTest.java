package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit prune --archive-dir}, {@code audit export --before} and {@code audit verify --file}. */
class AuditPruneCommandIntegrationTest {
  private static final String TOMORROW = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
    cli.run("tools", "call", "search_customer", "--args", "{\"query\":\"Acme\"}");
    cli.run("tools", "call", "search_customer", "--args", "{\"query\":\"Globex\"}");
    cli.run("tools", "call", "no_such_tool");
  }

  @Test
  void prunesAfterArchivingAndTheRestStillVerifiesFromTheCheckpoint() throws IOException {
    CliHarness.Result pruned = cli.run("audit", "prune", "--before", TOMORROW, "--archive-dir", "archive");

    assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
    assertThat(pruned.json().path("deleted").asLong()).isEqualTo(2);
    Path archive = temp.resolve("archive").resolve("audit-1-2.jsonl.gz");
    assertThat(pruned.json().path("archives").path(0).asText()).isEqualTo(archive.toString());
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()).hasSize(2);
    }
    String checkpoint = pruned.json().path("checkpoints").path(0).path("hash").asText();

    CliHarness.Result verify = cli.run("audit", "verify");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    // The kept head and the audit_pruned record.
    assertThat(verify.json().path("checked").asLong()).isEqualTo(2);

    CliHarness.Result offline =
        cli.run("audit", "verify", "--file", archive.toString(), "--checkpoint", checkpoint);
    assertThat(offline.exitCode()).as(offline.toString()).isZero();
    assertThat(offline.json().path("first_seq").asLong()).isEqualTo(1);
    assertThat(offline.json().path("checked").asLong()).isEqualTo(2);
  }

  @Test
  void anEditedSegmentOrTheWrongCheckpointFailsOfflineVerification() throws IOException {
    CliHarness.Result exported =
        cli.run("audit", "export", "--before", TOMORROW, "--output-file", "segment.jsonl");
    assertThat(exported.exitCode()).as(exported.toString()).isZero();
    assertThat(exported.json().path("exported").asLong()).isEqualTo(2);
    Path segment = temp.resolve("segment.jsonl");

    CliHarness.Result wrong = cli.run("audit", "verify", "--file", "segment.jsonl", "--checkpoint", "0".repeat(64));
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(wrong.err()).contains("not at the checkpoint");

    Files.writeString(segment, Files.readString(segment).replace("Globex", "Initech"));
    CliHarness.Result edited = cli.run("audit", "verify", "--file", "segment.jsonl");
    assertThat(edited.exitCode()).isEqualTo(ExitCodes.FAILED);
    JsonNode result = edited.json();
    assertThat(result.path("first_bad_seq").asLong()).isEqualTo(2);
    assertThat(result.path("problem").asText()).contains("hash");
  }

  @Test
  void aMalformedDateIsAUsageError() {
    CliHarness.Result result = cli.run("audit", "prune", "--before", "last tuesday");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--before must be a date");
  }
}
