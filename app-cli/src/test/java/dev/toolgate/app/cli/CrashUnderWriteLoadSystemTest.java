package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's kill -9 experiment on the packaged jar: writers open tickets with idempotency keys, the
 * server is killed mid-load (SIGKILL, no shutdown hook), restarted on the same data directory, and
 * after three such rounds every key is retried — as a well-behaved client does — until it has a definitive answer. Then, read
 * straight from the SQLite file: one ticket per key (none twice, none lost to a retry), every
 * acknowledged call and every ticket has its audit record, and the hash chain verifies.
 */
class CrashUnderWriteLoadSystemTest {
  private static final int WRITERS = 8;
  private static final int ROUNDS = 3;

  @TempDir Path temp;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopServers() {
    processes.forEach(Process::destroyForcibly);
  }

  /** What a writer learned of one key before the crash. */
  private record Acknowledged(String requestId, String ticketId) {}

  @Test
  void aKillUnderWriteLoadLeavesOneAuditedTicketPerKeyAfterRetries() throws Exception {
    Path dataDir = temp.resolve("data");
    PackagedServer first = start(dataDir);
    String admin = first.adminKey;
    String agent =
        first.call("POST", "/admin/keys", admin, null, "{\"name\":\"writer\",\"roles\":[\"agent\"]}").expect(201)
            .path("secret").asText();

    Set<String> attempted = ConcurrentHashMap.newKeySet();
    Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    PackagedServer running = first;
    for (int round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        running = start(dataDir);
      }
      writeUntilKilled(running, agent, "crash-" + round + "-", attempted, acknowledged, 40 * (round + 1));
    }

    PackagedServer second = start(dataDir);
    Map<String, String> ticketOfKey = new HashMap<>();
    for (String key : attempted) {
      JsonNode answer = retryUntilDefinitive(second, agent, key);
      ticketOfKey.put(key, ticketId(answer));
    }
    acknowledged.forEach(
        (key, ack) -> assertThat(ticketOfKey.get(key)).as("the retry of %s replays its ticket", key)
            .isEqualTo(ack.ticketId()));
    JsonNode chain = second.call("GET", "/audit/verify", admin, null, null).expect(200);
    assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();
    second.process.destroy();
    assertThat(second.process.waitFor(15, TimeUnit.SECONDS)).isTrue();

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("toolgate.db"))) {
      Map<String, Integer> ticketsPerSubject =
          counts(db, "SELECT subject, COUNT(*) FROM tickets WHERE subject LIKE 'crash-%' GROUP BY subject");
      assertThat(ticketsPerSubject.keySet()).as("a ticket for every key tried, and no other").isEqualTo(attempted);
      assertThat(ticketsPerSubject).as("no key made two tickets").allSatisfy((key, count) -> assertThat(count).isOne());
      Set<String> auditedRequests =
          new HashSet<>(counts(db, "SELECT request_id, COUNT(*) FROM audit_log GROUP BY request_id").keySet());
      acknowledged.forEach(
          (key, ack) -> assertThat(auditedRequests).as("the acknowledged call of %s was audited", key)
              .contains(ack.requestId()));
      Set<String> auditedKeys =
          counts(
                  db,
                  "SELECT json_extract(details, '$.idempotency_key'), COUNT(*) FROM audit_log"
                      + " WHERE tool = 'create_ticket' AND outcome IN ('executed', 'replayed') GROUP BY 1")
              .keySet();
      assertThat(auditedKeys).as("every ticket has a successful audit record").containsAll(attempted);
    }
  }

  /**
   * Writers open tickets with fresh keys (prefix, writer, sequence) until {@code acknowledgedBeforeKill}
   * calls in all have been acknowledged; then the server is killed with SIGKILL in the middle of the load.
   */
  private static void writeUntilKilled(
      PackagedServer server,
      String agent,
      String keyPrefix,
      Set<String> attempted,
      Map<String, Acknowledged> acknowledged,
      int acknowledgedBeforeKill)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    for (int w = 0; w < WRITERS; w++) {
      String writerPrefix = keyPrefix + w + "-";
      writers.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          String key = writerPrefix + n;
          attempted.add(key);
          try {
            PackagedServer.Reply reply = server.call("POST", "/tools/create_ticket", agent, key, ticketArguments(key));
            if (reply.status() == 200) {
              acknowledged.put(key, new Acknowledged(reply.requestId(), ticketId(reply.expect(200))));
            }
          } catch (IOException e) {
            return; // the server is gone
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (acknowledged.size() < acknowledgedBeforeKill && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    server.process.destroyForcibly();
    assertThat(server.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    writers.shutdown();
    assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged).as("calls acknowledged before the kill").hasSizeGreaterThanOrEqualTo(acknowledgedBeforeKill);
  }

  private static String ticketArguments(String key) {
    return "{\"customer_id\":\"cus_001\",\"subject\":\"" + key + "\",\"priority\":\"low\"}";
  }

  private static String ticketId(JsonNode answer) {
    return answer.path("result").path("ticket").path("id").asText();
  }

  /** Retries as a client does: the same key and arguments, waiting while the cut-off call's lease runs. */
  private static JsonNode retryUntilDefinitive(PackagedServer server, String agent, String key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      PackagedServer.Reply reply = server.call("POST", "/tools/create_ticket", agent, key, ticketArguments(key));
      if (reply.status() == 200) {
        return reply.expect(200);
      }
      assertThat(reply.status()).as("retry of %s: %s", key, reply.body()).isIn(409, 503);
      assertThat(System.nanoTime()).as("retry of %s still %s after 60 s", key, reply.body()).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static Map<String, Integer> counts(Connection db, String sql) throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getInt(2));
      }
    }
    return counts;
  }

  /** Starts the jar with a one-second execution timeout, so a cut-off call's lease ends within seconds. */
  private PackagedServer start(Path dataDir) throws IOException, InterruptedException {
    PackagedServer server =
        PackagedServer.start(
            dataDir, temp, temp.resolve("server-" + processes.size() + ".err"),
            Map.of("TOOLGATE_EXECUTION_TIMEOUT_SECONDS", "1", "RATE_LIMIT", "100000000/minute"));
    processes.add(server.process);
    return server;
  }
}
