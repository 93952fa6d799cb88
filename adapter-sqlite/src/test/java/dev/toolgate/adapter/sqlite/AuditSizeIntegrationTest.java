package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.AuditQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an audited cached read costs on disk, and that retention bounds the file: the numbers in
 * docs/performance.md ("Audit log size and retention") come from this test's output.
 */
class AuditSizeIntegrationTest {
  private static final int RECORDS = 10_000;
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path directory;
  private StoresOnFile file;
  private AuditLog log;

  @BeforeEach
  void open() {
    file = new StoresOnFile(directory, Clock.fixed(T0, ZoneOffset.UTC));
    log = file.open().audit();
  }

  @AfterEach
  void close() {
    file.close();
  }

  /** A cached read of search_customer as the pipeline audits it (REST, one key, one client). */
  private static AuditEntry cachedRead(Instant at) {
    return new AuditEntry(
        at,
        UUID.randomUUID().toString(),
        "key_01JEXAMPLEAGENT0000000000",
        "demo",
        "search_customer",
        Json.parse("{\"query\":\"acme\"}"),
        "cache_hit",
        null,
        1,
        Json.parse("{\"cache_hit\":true,\"cache_age_ms\":1234}"));
  }

  private void append(int count, Instant from) {
    for (int i = 0; i < count; i++) {
      log.append(cachedRead(from.plusMillis(i)));
    }
  }

  /** Pages holding data (the file's pages less its free list), in bytes, WAL included. */
  private long usedBytes() throws SQLException {
    try (Connection connection = file.plainConnection(); Statement statement = connection.createStatement()) {
      return (pragma(statement, "page_count") - pragma(statement, "freelist_count"))
          * pragma(statement, "page_size");
    }
  }

  private long pageCount() throws SQLException {
    try (Connection connection = file.plainConnection(); Statement statement = connection.createStatement()) {
      return pragma(statement, "page_count");
    }
  }

  private static long pragma(Statement statement, String name) throws SQLException {
    try (ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      return row.getLong(1);
    }
  }

  @Test
  void measuresBytesPerAuditedCachedRead() throws SQLException {
    long before = usedBytes();
    append(RECORDS, T0);
    long perRecord = (usedBytes() - before) / RECORDS;

    String canonical = Json.canonical(log.read(AuditQuery.tail(1)).get(0).toJson());
    System.out.printf(
        "audit size: %d records, %d bytes per record on disk (table and indexes), %d bytes of canonical JSON%n",
        RECORDS, perRecord, canonical.length());
    // 447 B when measured (docs/performance.md); this catches a record that grows much larger.
    assertThat(perRecord).isLessThan(600);
  }

  @Test
  void pruningLetsTheFileReuseItsPagesSoItStopsGrowing() throws Exception {
    append(RECORDS, T0);
    long pagesAfterFirst = pageCount();

    // Two more rounds, each pruning what came before: the freed pages take the new records.
    for (int round = 1; round <= 2; round++) {
      Instant from = T0.plusSeconds(3600L * round);
      assertThat(log.prune(AuditRecord.MAIN_CHAIN, from, Long.MAX_VALUE)).isEqualTo(RECORDS - (round == 1 ? 1 : 0));
      append(RECORDS, from);
    }
    long pagesAfterThird = pageCount();

    System.out.printf(
        "audit retention: %d pages after %d records, %d pages after %d more with prunes in between (file %d bytes)%n",
        pagesAfterFirst, RECORDS, pagesAfterThird, 2 * RECORDS,
        Files.size(file.config().databaseFile()));
    // Without the prunes the file would have tripled; with them it stays within a tenth.
    assertThat(pagesAfterThird).isLessThan(pagesAfterFirst + pagesAfterFirst / 10);
  }
}
