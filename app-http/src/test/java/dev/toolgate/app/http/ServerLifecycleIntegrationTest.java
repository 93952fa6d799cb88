package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graceful stop, readiness, failures, and tools contributed by another module. */
class ServerLifecycleIntegrationTest {
  private static final long SLOW_MILLIS = 800;

  @TempDir Path workDir;

  /** A tool that signals when it starts and then takes a while, to have a call in flight. */
  static final class SlowTools extends AbstractModule {
    final CountDownLatch started = new CountDownLatch(1);

    @Override
    protected void configure() {
      ToolDefinition definition =
          new ToolDefinition(
              "slow_echo", "Slow echo", "Answers after a pause.", ToolCategory.WRITE,
              Json.parse("{\"type\":\"object\"}"), Json.parse("{\"type\":\"object\"}"), ToolAnnotations.write());
      Tool tool =
          new Tool(
              definition,
              invocation -> {
                started.countDown();
                try {
                  Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("interrupted", e);
                }
                return ToolResult.of(Json.object().put("echo", invocation.arguments().path("say").asText()));
              });
      Tool broken =
          new Tool(
              new ToolDefinition(
                  "broken_tool", "Broken", "Always fails unexpectedly.", ToolCategory.WRITE,
                  Json.parse("{\"type\":\"object\"}"), Json.parse("{\"type\":\"object\"}"), ToolAnnotations.write()),
              invocation -> {
                throw new IllegalStateException("jdbc:secret://internal-host/db exploded");
              });
      ToolProvider provider =
          new ToolProvider() {
            @Override
            public String name() {
              return "slow";
            }

            @Override
            public List<Tool> tools() {
              return List.of(tool, broken);
            }
          };
      Multibinder.newSetBinder(binder(), ToolProvider.class).addBinding().toInstance(provider);
    }
  }

  @Test
  void closeDrainsInFlightCallsAndThenRefusesConnections() throws Exception {
    SlowTools slow = new SlowTools();
    TestGateway gateway = TestGateway.start(workDir, Map.of(), slow);
    try {
      int port = gateway.server.port();
      CompletableFuture<Reply> inFlight =
          gateway.sendAsync(TestGateway.post(gateway.request("/tools/slow_echo", gateway.adminKey), "{\"say\":\"bye\"}"));
      assertThat(slow.started.await(10, TimeUnit.SECONDS)).isTrue();

      long before = System.nanoTime();
      gateway.server.close();
      long tookMillis = (System.nanoTime() - before) / 1_000_000;

      Reply reply = inFlight.get(10, TimeUnit.SECONDS);
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      assertThat(reply.json().path("result").path("echo").asText()).isEqualTo("bye");
      assertThat(tookMillis).isLessThan(ToolgateServer.DRAIN_MILLIS);
      assertThatThrownBy(
              () ->
                  gateway.client.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOfAny(ConnectException.class, IOException.class);
      assertThat(gateway.runtime.storeHealthy()).as("the server leaves the runtime open").isTrue();
    } finally {
      gateway.close();
    }
  }

  @Test
  void unexpectedToolFailureIsAnInternalErrorWithoutInternals() {
    try (TestGateway gateway = TestGateway.start(workDir, Map.of(), new SlowTools())) {
      Reply reply = gateway.post("/tools/broken_tool", gateway.adminKey, "{}");

      assertThat(reply.status()).isEqualTo(500);
      assertThat(reply.errorCode()).isEqualTo("internal_error");
      assertThat(reply.raw()).doesNotContain("jdbc", "internal-host", "IllegalStateException");
    }
  }

  @Test
  void readinessFailsOnceTheStoreIsClosed() {
    try (TestGateway gateway = TestGateway.start(workDir)) {
      assertThat(gateway.get("/readyz", null).status()).isEqualTo(200);

      gateway.runtime.close();
      Reply reply = gateway.get("/readyz", null);

      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json().path("status").asText()).isEqualTo("not_ready");
      assertThat(reply.errorCode()).isEqualTo("not_ready");
      assertThat(gateway.get("/healthz", null).status()).isEqualTo(200);
      Reply call = gateway.post("/tools/search_customer", gateway.adminKey, "{\"query\":\"acme\"}");
      assertThat(call.status()).isEqualTo(503);
      assertThat(call.errorCode()).isEqualTo("unavailable");
      assertThat(call.header("Retry-After")).isEqualTo("1");
    }
  }

  @Test
  void runtimeReopensOnTheSameDataDirWithoutAServer() {
    Settings settings = Settings.load(Map.of("TOOLGATE_DATA_DIR", workDir.resolve("data").toString()), workDir);
    try (ToolgateRuntime runtime = ToolgateRuntime.open(settings)) {
      assertThat(runtime.bootstrapAdmin()).isPresent();
      assertThat(runtime.storeHealthy()).isTrue();
    }
    try (ToolgateRuntime runtime = ToolgateRuntime.open(settings)) {
      assertThat(runtime.bootstrapAdmin()).isEmpty();
      assertThat(runtime.supportDesk().findCustomer("cus_001")).isPresent();
      assertThat(workDir.resolve("data").resolve(ToolgateModule.DATABASE_FILE)).exists();
    }
  }
}
