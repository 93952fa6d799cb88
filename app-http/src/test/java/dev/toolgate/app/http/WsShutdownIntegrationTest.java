package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server lets a running WebSocket turn finish, then closes the socket with 1001. */
class WsShutdownIntegrationTest {
  @TempDir Path workDir;

  @Test
  void aTurnInFlightFinishesBeforeTheSocketIsClosedAsGoingAway() throws Exception {
    try (KlaviyoStandIn klaviyo = new KlaviyoStandIn();
        TestGateway gateway = TestGateway.start(workDir, Map.of("TOOLGATE_KLAVIYO_BASE_URL", klaviyo.baseUrl()))) {
      ObjectNode client = Json.object();
      client.put("display_name", "Example Store");
      client.put("klaviyo_api_key", "pk_live_standin_shutdown_5d2e");
      assertThat(gateway.send(
              gateway.request("/admin/clients/acme", gateway.adminKey)
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(Json.write(client))))
          .status()).isEqualTo(200);

      WsTestClient ws = WsTestClient.connect(gateway, null, gateway.adminKey);
      klaviyo.hold();
      ws.send(WsChatIntegrationTest.chat("s-1", "acme", "summarize last week's campaign performance"));
      assertThat(klaviyo.arrivals.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> gateway.server.close());
      Thread.sleep(300);
      assertThat(stopping).isNotDone();
      assertThat(ws.closedWith).isNotDone();
      klaviyo.release();

      List<JsonNode> messages = ws.untilFinal("s-1");
      assertThat(messages.get(messages.size() - 1).path("status").asText()).isEqualTo("complete");
      assertThat(ws.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
      stopping.get(15, TimeUnit.SECONDS);
    }
  }
}
