package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.Message;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's scenario as its client runs it: the shared {@code API_KEY} in {@code X-API-Key}, run
 * twice so that the second ticket creation is an idempotent replay.
 */
class Seed001FlowIntegrationTest {
  private static final String API_KEY = "dev-key-for-seed-001";

  @TempDir Path workDir;

  private static Reply post(TestGateway gateway, String path, String key, String body, String... headers) {
    HttpRequest.Builder request = gateway.request(path, null).header("X-API-Key", key);
    return gateway.send(TestGateway.post(request, body, headers));
  }

  @Test
  void findCreateRequestApproveAndNotifyTwice() {
    try (TestGateway gateway = TestGateway.start(workDir, Map.of("API_KEY", API_KEY))) {
      String approver = gateway.createKey("on-call lead", "approver").secret();
      String ticketId = null;
      for (int run = 1; run <= 2; run++) {
        Reply search = post(gateway, "/tools/search_customer", API_KEY, "{\"query\":\"Northwind\"}");
        assertThat(search.status()).isEqualTo(200);
        String customerId = search.json().path("result").path("customers").get(0).path("id").asText();
        assertThat(customerId).isEqualTo("cus_004");

        Reply ticket =
            post(gateway, "/tools/create_ticket", API_KEY,
                "{\"customer_id\":\"" + customerId + "\",\"subject\":\"Shipments stuck\",\"priority\":\"high\"}",
                "Idempotency-Key", "seed-001-ticket");
        assertThat(ticket.status()).isEqualTo(200);
        assertThat(ticket.json().path("idempotent_replay").asBoolean()).isEqualTo(run == 2);
        String id = ticket.json().path("result").path("ticket").path("id").asText();
        if (ticketId != null) {
          assertThat(id).isEqualTo(ticketId);
        }
        ticketId = id;

        Reply change =
            post(gateway, "/tools/update_customer_status", API_KEY,
                "{\"customer_id\":\"" + customerId + "\",\"status\":\"suspended\",\"reason\":\"run " + run + "\"}");
        assertThat(change.status()).isEqualTo(202);
        assertThat(change.json().path("requires_confirmation").asBoolean()).isTrue();
        String pendingActionId = change.json().path("pending_action_id").asText();

        Reply confirm = gateway.post("/confirm/" + pendingActionId, approver, "{\"approve\":true}");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(gateway.runtime.supportDesk().findCustomer(customerId).orElseThrow().status())
            .isEqualTo(CustomerStatus.SUSPENDED);

        Reply message =
            post(gateway, "/tools/send_message", API_KEY,
                "{\"channel\":\"#support\",\"text\":\"Ticket " + id + " opened; account suspended (run " + run + ")\"}");
        assertThat(message.status()).isEqualTo(200);
      }

      assertThat(gateway.runtime.supportDesk().listTickets("cus_004", 100))
          .filteredOn(t -> t.subject().equals("Shipments stuck"))
          .hasSize(1);
      assertThat(gateway.runtime.supportDesk().listMessages(null, 100))
          .extracting(Message::text)
          .anySatisfy(text -> assertThat(text).contains("run 1"))
          .anySatisfy(text -> assertThat(text).contains("run 2"));
      Reply audit = gateway.get("/audit?key_id=env-api-key&limit=100", API_KEY);
      assertThat(audit.json().path("records").size()).isGreaterThanOrEqualTo(8);
      assertThat(gateway.get("/audit/verify", API_KEY).json().path("valid").asBoolean()).isTrue();
    }
  }
}
