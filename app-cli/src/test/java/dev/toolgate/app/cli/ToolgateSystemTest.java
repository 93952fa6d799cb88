package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged {@code target/toolgate.jar} as a real process (run by failsafe after
 * {@code package}) and drives seed 001's flow over HTTP; then kills it, restarts it on the same data
 * directory, checks that idempotency records, approvals and the audit chain survived, and stops it
 * with SIGTERM.
 */
class ToolgateSystemTest {

  @TempDir Path temp;
  private final List<PackagedServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(server -> server.process.destroyForcibly());
  }

  @Test
  void servesTheDemoFlowOverHttpAndKeepsItsStateAcrossAKill() throws Exception {
    Path dataDir = temp.resolve("data");

    PackagedServer first = start(dataDir);
    assertThat(first.adminKey).as("a fresh store prints its admin key once").startsWith("tg_");
    String admin = first.adminKey;
    String agent = createKey(first, admin, "agent");
    String approver = createKey(first, admin, "approver");

    JsonNode found = first.call("POST", "/tools/search_customer", agent, null, "{\"query\":\"Acme\"}").expect(200);
    String customerId = found.path("result").path("customers").path(0).path("id").asText();
    String ticketArgs = "{\"customer_id\":\"" + customerId + "\",\"subject\":\"Invoices cannot be exported\"}";
    JsonNode ticket = first.call("POST", "/tools/create_ticket", agent, "ticket-1", ticketArgs).expect(200);
    JsonNode replay = first.call("POST", "/tools/create_ticket", agent, "ticket-1", ticketArgs).expect(200);
    String ticketId = ticket.path("result").path("ticket").path("id").asText();
    assertThat(ticket.path("idempotent_replay").asBoolean()).isFalse();
    assertThat(replay.path("idempotent_replay").asBoolean()).isTrue();
    assertThat(replay.path("result").path("ticket").path("id").asText()).isEqualTo(ticketId);

    JsonNode pending =
        first.call(
                "POST", "/tools/update_customer_status", agent, "status-1",
                "{\"customer_id\":\"" + customerId + "\",\"status\":\"at_risk\"}")
            .expect(202);
    String approvalId = pending.path("approval_id").asText();
    JsonNode confirmed = first.call("POST", "/confirm/" + approvalId, approver, null, "{\"decision\":\"approve\"}").expect(200);
    assertThat(confirmed.path("execution").path("result").path("customer").path("status").asText()).isEqualTo("at_risk");
    first.call(
            "POST", "/tools/send_message", agent, "message-1",
            "{\"channel\":\"#support\",\"text\":\"Ticket " + ticketId + " opened\"}")
        .expect(200);
    assertThat(first.call("GET", "/audit/verify", admin, null, null).expect(200).path("valid").asBoolean()).isTrue();

    // A crash, not a shutdown: whatever was committed must survive it.
    first.process.destroyForcibly();
    assertThat(first.process.waitFor(15, TimeUnit.SECONDS)).isTrue();

    PackagedServer second = start(dataDir);
    assertThat(second.adminKey).as("the admin key is printed only on the first start").isNull();
    JsonNode again = second.call("POST", "/tools/create_ticket", agent, "ticket-1", ticketArgs).expect(200);
    assertThat(again.path("idempotent_replay").asBoolean()).isTrue();
    assertThat(again.path("result").path("ticket").path("id").asText()).isEqualTo(ticketId);
    JsonNode approval = second.call("GET", "/approvals/" + approvalId, admin, null, null).expect(200);
    assertThat(approval.path("approval").path("status").asText()).isEqualTo("approved");
    JsonNode chain = second.call("GET", "/audit/verify", admin, null, null).expect(200);
    assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();

    second.process.destroy();
    assertThat(second.process.waitFor(15, TimeUnit.SECONDS)).as("SIGTERM stops the server within 15 s").isTrue();
  }

  @Test
  void theAccessLogHasALinePerRequestWrittenBeforeExitUnlessTurnedOff() throws Exception {
    for (String accessLog : new String[] {"on", "off"}) {
      Path stderr = temp.resolve("access-" + accessLog + ".err");
      PackagedServer server =
          PackagedServer.start(temp.resolve("data-" + accessLog), temp, stderr, Map.of("TOOLGATE_ACCESS_LOG", accessLog));
      servers.add(server);
      server.call("GET", "/healthz", "no-key", null, null).expect(200);
      // SIGTERM: the logs are written by a background thread, and what it still holds is written at exit.
      server.process.destroy();
      assertThat(server.process.waitFor(15, TimeUnit.SECONDS)).isTrue();

      String log = Files.readString(stderr);
      // JSON lines (stderr is not a terminal), with the path's slash escaped.
      if (accessLog.equals("on")) {
        assertThat(log).contains("\"loggerName\":\"dev.toolgate.http.access\"").contains("healthz -> 200");
      } else {
        assertThat(log).doesNotContain("dev.toolgate.http.access").doesNotContain("healthz");
      }
    }
  }

  private static String createKey(PackagedServer server, String admin, String role) throws Exception {
    JsonNode created =
        server.call("POST", "/admin/keys", admin, null, "{\"name\":\"sys-" + role + "\",\"roles\":[\"" + role + "\"]}")
            .expect(201);
    return created.path("secret").asText();
  }

  private PackagedServer start(Path dataDir) throws IOException, InterruptedException {
    PackagedServer server =
        PackagedServer.start(dataDir, temp, temp.resolve("server-" + servers.size() + ".err"), Map.of());
    servers.add(server);
    return server;
  }
}
