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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/toolgate.jar} running {@code serve} as a real process (for system tests run
 * by failsafe after {@code package}), with a clean environment plus what the test sets, and an HTTP
 * client for it.
 */
final class PackagedServer {
  static final Path JAR = Path.of("target", "toolgate.jar").toAbsolutePath();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  /** The admin key printed on the first start of a fresh store, or null. */
  String adminKey;
  String baseUrl;

  private PackagedServer(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code serve} on a free port over {@code dataDir} and waits for the line announcing its URL.
   * Neither PORT nor seed keys nor a developer's .env leak in: the zero-setup default, plus {@code env}.
   */
  static PackagedServer start(Path dataDir, Path workDir, Path stderr, Map<String, String> env)
      throws IOException, InterruptedException {
    return start(dataDir, workDir, stderr, env, List.of());
  }

  /** As {@link #start(Path, Path, Path, Map)}, with {@code jvmOptions} before {@code -jar}. */
  static PackagedServer start(Path dataDir, Path workDir, Path stderr, Map<String, String> env, List<String> jvmOptions)
      throws IOException, InterruptedException {
    assertThat(JAR).as("run after 'package': the shaded jar").exists();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString(), "--data-dir", dataDir.toString(), "serve", "--port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(stderr.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    PackagedServer server = new PackagedServer(process);
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
                  + Files.readString(stderr));
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

  /** One request with the key in {@code X-API-Key}; {@code body} null sends none. */
  Reply call(String method, String path, String key, String idempotencyKey, String body)
      throws IOException, InterruptedException {
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
    return new Reply(
        method + " " + path, response.statusCode(), response.body(),
        response.headers().firstValue("X-Request-ID").orElse(null));
  }

  /** An answer, with the request it answered for assertion messages. */
  record Reply(String request, int status, String body, String requestId) {
    JsonNode expect(int expectedStatus) {
      assertThat(status).as(request + " -> " + body).isEqualTo(expectedStatus);
      return Json.parse(body);
    }
  }
}
