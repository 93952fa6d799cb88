package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Module;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A real server on an ephemeral loopback port over a real SQLite file, with an HTTP client and the
 * bootstrap admin key. {@link #restart()} closes everything and reopens it on the same data dir.
 */
final class TestGateway implements AutoCloseable {
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Settings settings;
  private final Module[] modules;
  final String adminKey;
  ToolgateRuntime runtime;
  ToolgateServer server;

  private TestGateway(Settings settings, Module[] modules) {
    this.settings = settings;
    this.modules = modules;
    open();
    // With a fixed key from the seeds' settings there is an admin already, so none is bootstrapped.
    this.adminKey =
        runtime.bootstrapAdmin()
            .map(issued -> issued.secret())
            .or(() -> settings.fixedKeys().stream().filter(key -> key.roles().contains(dev.toolgate.ports.auth.Role.ADMIN)).findFirst().map(Settings.FixedKey::secret))
            .orElseThrow(() -> new AssertionError("a fresh store must issue an admin key"));
  }

  static TestGateway start(Path workDir, Map<String, String> env, Module... modules) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("PORT", "0");
    all.putIfAbsent("TOOLGATE_DATA_DIR", workDir.resolve("data").toString());
    return new TestGateway(Settings.load(all, workDir), modules);
  }

  static TestGateway start(Path workDir) {
    return start(workDir, Map.of());
  }

  private void open() {
    runtime = ToolgateRuntime.open(settings, modules);
    server = ToolgateServer.start(runtime);
  }

  /** Closes server and runtime as a shutdown would, and starts both again on the same files. */
  void restart() {
    closeQuietly();
    open();
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  Reply get(String path, String key) {
    return send(request(path, key).GET());
  }

  Reply post(String path, String key, String body, String... headers) {
    return send(post(request(path, key), body, headers));
  }

  Reply delete(String path, String key) {
    return send(request(path, key).DELETE());
  }

  static HttpRequest.Builder post(HttpRequest.Builder builder, String body, String... headers) {
    builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  Reply send(HttpRequest.Builder builder) {
    try {
      return Reply.of(client.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  CompletableFuture<Reply> sendAsync(HttpRequest.Builder builder) {
    return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Reply::of);
  }

  /** Issues a key over the admin API. */
  Issued createKey(String name, String... roles) {
    return createKey(Json.object(), name, roles);
  }

  Issued createKey(ObjectNode extra, String name, String... roles) {
    ObjectNode body = extra.deepCopy();
    body.put("name", name);
    var array = body.putArray("roles");
    for (String role : roles) {
      array.add(role);
    }
    Reply reply = post("/admin/keys", adminKey, Json.write(body));
    assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
    return new Issued(reply.json().path("key").path("id").asText(), reply.json().path("secret").asText());
  }

  record Issued(String id, String secret) {}

  private void closeQuietly() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (runtime != null) {
        runtime.close();
      }
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }

  /** A response with its body parsed when it is JSON. */
  record Reply(int status, HttpResponse<String> response, String raw) {
    static Reply of(HttpResponse<String> response) {
      return new Reply(response.statusCode(), response, response.body());
    }

    JsonNode json() {
      return Json.parse(raw);
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    /** The stable error code, asserting the common error shape on the way. */
    String errorCode() {
      JsonNode body = json();
      assertThat(body.path("error").path("code").isTextual()).as(raw).isTrue();
      assertThat(body.path("error").path("message").isTextual()).as(raw).isTrue();
      assertThat(body.path("error").path("details").isObject()).as(raw).isTrue();
      assertThat(body.path("request_id").asText()).as(raw).isEqualTo(header("X-Request-ID"));
      return body.path("error").path("code").asText();
    }
  }
}
