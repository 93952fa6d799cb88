package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandIntegrationTest {
  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
    cli.run("tools", "call", "search_customer", "--args", "{\"query\":\"Acme\"}");
    cli.run("tools", "call", "create_ticket", "--args", "{\"customer_id\":\"cus_001\",\"subject\":\"Slow\"}");
    cli.run("tools", "call", "no_such_tool");
  }

  @Test
  void tailShowsTheNewestRecordsOldestFirst() {
    CliHarness.Result result = cli.run("audit", "tail", "-n", "2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode records = result.json().path("records");
    assertThat(records).hasSize(2);
    assertThat(records.get(0).path("seq").asLong()).isLessThan(records.get(1).path("seq").asLong());
    assertThat(records.get(0).path("tool").asText()).isEqualTo("create_ticket");
    assertThat(records.get(1).path("tool").asText()).isEqualTo("no_such_tool");
    assertThat(records.get(1).path("code").asText()).isEqualTo("unknown_tool");
    assertThat(records.get(1).path("key_id").asText()).isEqualTo("local-cli");
  }

  @Test
  void tailPrintsOneLinePerRecordInTableMode() {
    CliHarness.Result result = cli.run("--output", "table", "audit", "tail");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines()).hasSize(1 + 3);
    assertThat(result.out()).startsWith("SEQ").contains("search_customer").contains("local-cli");
  }

  @Test
  void verifyReportsAValidChain() {
    CliHarness.Result result = cli.run("audit", "verify");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.json().path("valid").asBoolean()).isTrue();
    assertThat(result.json().path("checked").asLong()).isEqualTo(3);
  }

  @Test
  void exportsEveryRecordAsJsonLinesToStdout() {
    CliHarness.Result result = cli.run("audit", "export");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<JsonNode> lines = result.out().lines().map(Json::parse).toList();
    assertThat(lines).extracting(l -> l.path("seq").asLong()).containsExactly(1L, 2L, 3L);
    assertThat(lines).allMatch(l -> l.path("hash").asText().length() == 64);
  }

  @Test
  void exportsToAFileThatHoldsEveryRecordOfTheChain() throws IOException {
    long checked = cli.run("audit", "verify").json().path("checked").asLong();

    CliHarness.Result result = cli.run("audit", "export", "--output-file", "audit.jsonl");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Path file = temp.resolve("audit.jsonl");
    assertThat(result.json().path("exported").asLong()).isEqualTo(checked);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize((int) checked);
    assertThat(lines).allSatisfy(line -> assertThat(Json.parse(line).path("prev_hash").asText()).hasSize(64));
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
  }

  @Test
  void aFailedExportLeavesNoFileBehind() throws IOException {
    Path target = temp.resolve("missing-dir").resolve("audit.jsonl");

    CliHarness.Result result = cli.run("audit", "export", "--output-file", target.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("cannot export");
    assertThat(target).doesNotExist();
  }

  @Test
  void anExportThatCannotBeMovedIntoPlaceRemovesItsTemporaryFile() throws IOException {
    Path occupied = Files.createDirectories(temp.resolve("audit.jsonl"));
    Files.writeString(occupied.resolve("keep.txt"), "not an export");

    CliHarness.Result result = cli.run("audit", "export", "--output-file", "audit.jsonl");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(occupied.resolve("keep.txt")).hasContent("not an export");
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
  }
}
