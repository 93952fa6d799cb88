package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.adapter.firestore.FirestoreStores;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulator;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.support.CustomerStatus;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code TOOLGATE_STORE=firestore}: the server on the Firestore emulator instead of the SQLite file. */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreStoreIntegrationTest {
  private static final String API_KEY = "dev-key-for-seed-001";

  @TempDir Path workDir;

  private static Map<String, String> onFirestore(String emulatorHost) {
    Map<String, String> env = new HashMap<>();
    env.put("TOOLGATE_STORE", "firestore");
    env.put("GOOGLE_CLOUD_PROJECT", FirestoreEmulator.PROJECT_ID);
    env.put("FIRESTORE_EMULATOR_HOST", emulatorHost);
    env.put("API_KEY", API_KEY);
    return env;
  }

  private static Reply post(TestGateway gateway, String path, String body, String... headers) {
    HttpRequest.Builder request = gateway.request(path, null).header("X-API-Key", API_KEY);
    return gateway.send(TestGateway.post(request, body, headers));
  }

  @Test
  void runsTheSeed001FlowOnFirestoreAndKeepsItsStateAcrossRestarts() {
    try (TestGateway gateway = TestGateway.start(workDir, onFirestore(FirestoreEmulator.shared().host()))) {
      assertThat(gateway.runtime.storeDescription()).startsWith("firestore projects/" + FirestoreEmulator.PROJECT_ID);
      assertThat(gateway.get("/readyz", null).json().path("store").asText()).isEqualTo("ok");
      String approver = gateway.createKey("on-call lead", "approver").secret();
      String ticketId = null;
      for (int run = 1; run <= 2; run++) {
        Reply search = post(gateway, "/tools/search_customer", "{\"query\":\"Northwind\"}");
        assertThat(search.status()).as(search.raw()).isEqualTo(200);
        String customerId = search.json().path("result").path("customers").get(0).path("id").asText();

        Reply ticket =
            post(gateway, "/tools/create_ticket",
                "{\"customer_id\":\"" + customerId + "\",\"subject\":\"Shipments stuck\",\"priority\":\"high\"}",
                "Idempotency-Key", "seed-001-ticket");
        assertThat(ticket.status()).as(ticket.raw()).isEqualTo(200);
        assertThat(ticket.json().path("idempotent_replay").asBoolean()).isEqualTo(run == 2);
        String id = ticket.json().path("result").path("ticket").path("id").asText();
        assertThat(ticketId == null || ticketId.equals(id)).as("the same ticket on replay").isTrue();
        ticketId = id;

        Reply change =
            post(gateway, "/tools/update_customer_status",
                "{\"customer_id\":\"" + customerId + "\",\"status\":\"suspended\",\"reason\":\"run " + run + "\"}");
        assertThat(change.status()).as(change.raw()).isEqualTo(202);
        Reply confirm =
            gateway.post("/confirm/" + change.json().path("pending_action_id").asText(), approver, "{\"approve\":true}");
        assertThat(confirm.status()).as(confirm.raw()).isEqualTo(200);

        Reply message =
            post(gateway, "/tools/send_message", "{\"channel\":\"#support\",\"text\":\"Ticket " + id + " (run " + run + ")\"}");
        assertThat(message.status()).as(message.raw()).isEqualTo(200);
        gateway.restart();
      }

      assertThat(gateway.get("/audit/verify", API_KEY).json().path("valid").asBoolean()).isTrue();
    }
    // The state is in Firestore, where another instance sees it, and no SQLite file was made.
    try (FirestoreStores shared = FirestoreStores.open(FirestoreEmulator.shared().config())) {
      assertThat(shared.supportDesk().listTickets("cus_004", 10)).singleElement()
          .satisfies(t -> assertThat(t.subject()).isEqualTo("Shipments stuck"));
      assertThat(shared.supportDesk().findCustomer("cus_004").orElseThrow().status()).isEqualTo(CustomerStatus.SUSPENDED);
      assertThat(shared.supportDesk().listMessages("#support", 10)).hasSize(2);
    }
    assertThat(Files.exists(workDir.resolve("data").resolve(ToolgateModule.DATABASE_FILE))).isFalse();
  }

  @Test
  void readyzReportsWhenFirestoreStopsAnswering() throws Exception {
    String emulator = FirestoreEmulator.shared().host();
    int emulatorPort = Integer.parseInt(emulator.substring(emulator.lastIndexOf(':') + 1));
    try (TcpForwarder link = new TcpForwarder(emulatorPort);
        TestGateway gateway = TestGateway.start(workDir, onFirestore("127.0.0.1:" + link.port()))) {
      assertThat(gateway.get("/readyz", null).status()).isEqualTo(200);

      link.close();

      Reply readyz = gateway.get("/readyz", null);
      assertThat(readyz.status()).isEqualTo(503);
      assertThat(readyz.json().path("store").asText()).isEqualTo("unavailable");
      assertThat(gateway.get("/healthz", null).status()).isEqualTo(200);
    }
  }

  @Test
  void failsStartUpNamingTheCredentialsFileThatCannotWork() throws Exception {
    Path key = Files.writeString(workDir.resolve("key.json"), "{\"type\":\"api_key\",\"key\":\"AIza-not-this\"}");
    Map<String, String> env = new HashMap<>();
    env.put("TOOLGATE_STORE", "firestore");
    env.put("GOOGLE_CLOUD_PROJECT", "acme-toolgate");
    env.put("GOOGLE_APPLICATION_CREDENTIALS", key.toString());
    Settings settings = Settings.load(env, workDir);

    // A setting to fix, like every other bad setting (the CLI's exit code 10), not a store failure.
    assertThatThrownBy(() -> ToolgateRuntime.open(settings))
        .isInstanceOfSatisfying(
            SettingsException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith("GOOGLE_APPLICATION_CREDENTIALS"))
        .hasMessageContaining("'" + key + "' has type 'api_key'")
        .hasMessageNotContaining("AIza");
  }
}
