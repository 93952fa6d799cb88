package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real (non-demo) client end to end: its Klaviyo key stored encrypted over the admin API, then a
 * question answered from a local Klaviyo stand-in through the real adapter, with the key sent
 * upstream and nowhere else.
 */
class KlaviyoClientChatIntegrationTest {
  private static final String KEY = "pk_live_standin_4c1f9e0b7a";

  @TempDir Path workDir;

  @Test
  void answersFromKlaviyoWithTheDecryptedKeyAndUpstreamEvidence() {
    try (KlaviyoStandIn klaviyo = new KlaviyoStandIn();
        TestGateway gateway = TestGateway.start(workDir, Map.of("TOOLGATE_KLAVIYO_BASE_URL", klaviyo.baseUrl()))) {
      ObjectNode client = Json.object();
      client.put("display_name", "Example Store");
      client.put("time_zone", "Europe/Berlin");
      client.put("klaviyo_api_key", KEY);
      TestGateway.Reply created =
          gateway.send(
              gateway.request("/admin/clients/acme", gateway.adminKey)
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(Json.write(client))));
      assertThat(created.status()).as(created.raw()).isEqualTo(200);

      TestGateway.Reply reply =
          gateway.post("/chat", gateway.adminKey,
              "{\"client_key\":\"acme\",\"text\":\"summarize last week's campaign performance\"}");

      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      JsonNode body = reply.json();
      // The fixture's three campaigns: 48,210 + 61,544 + 47,990 recipients; €31,877.45 + €52,410.80 + €6,120.10.
      assertThat(body.path("answer").asText())
          .contains("3 campaigns went to 157,744 recipients")
          .contains("€90,408.35 in revenue")
          .contains("“Summer Sale - Launch” with €52,410.80")
          .doesNotContain("sample");
      assertThat(body.path("sample_data").asBoolean()).isFalse();
      JsonNode call = body.at("/evidence/tool_calls/0");
      assertThat(call.path("source").asText()).isEqualTo("klaviyo");
      assertThat(call.path("api_revision").asText()).isEqualTo("2026-07-15");
      assertThat(call.path("currency").asText()).isEqualTo("EUR");
      assertThat(call.path("upstream_request_ids").size()).isPositive();
      assertThat(call.path("upstream_calls").toString()).contains("POST /api/campaign-values-reports");
      assertThat(reply.raw()).doesNotContain(KEY);

      assertThat(klaviyo.seen).extracting(KlaviyoStandIn.Seen::route)
          .contains("GET /api/metrics", "POST /api/campaign-values-reports", "GET /api/campaigns");
      assertThat(klaviyo.seen).allSatisfy(seen -> {
        assertThat(seen.authorization()).isEqualTo("Klaviyo-API-Key " + KEY);
        assertThat(seen.revision()).isEqualTo("2026-07-15");
      });
    }
  }
}
