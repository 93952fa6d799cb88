package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
  private static final Path JAR = Path.of("target", "toolgate.jar").toAbsolutePath();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path temp;
  private final List<Server> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(server -> server.process.destroyForcibly());
  }

  @Test
  void servesTheDemoFlowOverHttpAndKeepsItsStateAcrossAKill() throws Exception {
    assertThat(JAR).as("run after 'package': the shaded jar").exists();
    Path dataDir = temp.resolve("data");

    Server first = start(dataDir);
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

    Server second = start(dataDir);
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

  private static String createKey(Server server, String admin, String role) throws Exception {
    JsonNode created =
        server.call("POST", "/admin/keys", admin, null, "{\"name\":\"sys-" + role + "\",\"roles\":[\"" + role + "\"]}")
            .expect(201);
    return created.path("secret").asText();
  }

  /** Starts the jar with a clean environment, and waits for the line announcing its URL. */
  private Server start(Path dataDir) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--data-dir", dataDir.toString(), "serve", "--port", "0")
            .directory(temp.toFile())
            .redirectError(temp.resolve("server-" + servers.size() + ".err").toFile());
    // No PORT, no seed keys, no .env from the developer's shell: the zero-setup default.
    builder.environment().clear();
    Process process = builder.start();
    Server server = new Server(process);
    servers.add(server);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(stdout closed: " + e + ")");
              }
            },
            "server-stdout");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (server.baseUrl == null) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line == null) {
        if ((!process.isAlive() && lines.isEmpty()) || System.nanoTime() > deadline) {
          throw new AssertionError(
              "the server did not announce its URL (alive: " + process.isAlive() + "); stderr:\n"
                  + Files.readString(temp.resolve("server-" + (servers.size() - 1) + ".err")));
        }
      } else if (line.startsWith("admin key: ")) {
        server.adminKey = line.substring("admin key: ".length()).trim();
      } else if (line.startsWith("listening on ")) {
        server.baseUrl = line.substring("listening on ".length()).trim();
      }
    }
    assertThat(server.baseUrl).matches("http://127\\.0\\.0\\.1:\\d+");
    return server;
  }

  private static final class Server {
    final Process process;
    String adminKey;
    String baseUrl;

    Server(Process process) {
      this.process = process;
    }

    Reply call(String method, String path, String key, String idempotencyKey, String body) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(10))
              .header("X-API-Key", key)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(method + " " + path, response.statusCode(), response.body());
    }
  }

  private record Reply(String request, int status, String body) {
    JsonNode expect(int expectedStatus) {
      assertThat(status).as(request + " -> " + body).isEqualTo(expectedStatus);
      return Json.parse(body);
    }
  }
}
