package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.DemoSupportData;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the adapter promises beyond the port contracts: layout, seeding, tamper evidence, instances. */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreStoresIntegrationTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private final StoresOnEmulator emulator = new StoresOnEmulator(Clock.systemUTC());

  @AfterEach
  void closeStores() {
    emulator.close();
  }

  @Test
  void seedsDemoDataAndLayoutOnFirstStartOnly() throws Exception {
    FirestoreStores stores = emulator.open();
    assertThat(stores.healthy()).isTrue();
    assertThat(stores.describe()).startsWith("firestore projects/").contains("emulator");
    assertThat(stores.supportDesk().searchCustomers("", 1000)).hasSameSizeAs(DemoSupportData.customers());
    assertThat(stores.clientProfiles().list())
        .containsExactly(
            new ClientProfile("demo", "Demo Client", ZoneId.of("UTC"), Set.of(), Set.of(), null)
                .withMarketingBackend(MarketingBackend.SAMPLE));
    String customerId = DemoSupportData.customers().get(0).id();
    stores.supportDesk().updateCustomerStatus(customerId, CustomerStatus.CHURNED);

    stores = emulator.reopen();
    stores = emulator.reopen();

    emulator.byHand(plain -> {
      assertThat(count(plain, CollectionNames.CUSTOMERS)).isEqualTo(DemoSupportData.customers().size());
      assertThat(count(plain, CollectionNames.INCIDENTS)).isEqualTo(DemoSupportData.incidents().size());
      assertThat(count(plain, CollectionNames.CLIENTS)).isEqualTo(1);
      assertThat(plain.collection(CollectionNames.META).document(Layout.DOCUMENT).get().get().getLong("version"))
          .isEqualTo(Layout.VERSION);
      return null;
    });
    assertThat(stores.supportDesk().findCustomer(customerId).orElseThrow().status()).isEqualTo(CustomerStatus.CHURNED);
  }

  @Test
  void keepsOperatorsClientsInsteadOfSeedingTheDemoClient() {
    FirestoreStores stores = emulator.open();
    emulator.deleteSeededClients();
    ClientProfile own = new ClientProfile("acme", "Acme", ZoneId.of("Europe/Berlin"), Set.of(), Set.of(), null);
    stores.clientProfiles().upsert(own);

    stores = emulator.reopen();

    assertThat(stores.clientProfiles().list()).containsExactly(own);
  }

  @Test
  void readsClientDocumentsWrittenBySeed000WithDefaultsAndWithoutTheirSecrets() throws Exception {
    FirestoreStores stores = emulator.open();
    emulator.byHand(plain -> plain.collection(CollectionNames.CLIENTS).document("acme")
        .set(Map.of("client_key", "acme", "display_name", "Acme Corp", "klaviyo_api_key", "pk_live_secret"))
        .get());

    ClientProfile read = stores.clientProfiles().find("acme").orElseThrow();

    assertThat(read)
        .isEqualTo(new ClientProfile("acme", "Acme Corp", ZoneId.of("UTC"), Set.of(), Set.of(), null));
    assertThat(read.toString()).doesNotContain("pk_live_secret");
  }

  @Test
  void refusesDatabaseWithNewerLayoutNamingBothVersions() throws Exception {
    emulator.open().close();
    emulator.byHand(plain -> plain.collection(CollectionNames.META).document(Layout.DOCUMENT).set(Map.of("version", 7)).get());

    assertThatThrownBy(() -> FirestoreStores.open(emulator.config()))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("layout version 7")
        .hasMessageContaining("versions up to " + Layout.VERSION)
        .hasMessageContaining("projects/" + emulator.config().projectId());
  }

  @Test
  void failsStartUpClearlyWhenFirestoreDoesNotAnswer() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    FirestoreConfig nowhere = FirestoreConfig.emulator("toolgate-it", "127.0.0.1:" + closedPort);

    assertThatThrownBy(() -> FirestoreStores.open(nowhere, Clock.systemUTC(), Duration.ofSeconds(2)))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("cannot reach Firestore projects/toolgate-it/databases/(default) on the emulator at 127.0.0.1:" + closedPort);
  }

  @Test
  void showsTamperedAuditRecordAsInvalid() throws Exception {
    FirestoreStores stores = emulator.open();
    String chain = null;
    for (int n = 1; n <= 3; n++) {
      chain = stores.audit().append(auditEntry(n, Json.parse("{\"customer_id\":\"cus_00" + n + "\"}"))).chain();
    }
    assertThat(stores.audit().read(AuditQuery.page(null, 10))).allMatch(AuditRecord::hashValid);

    String tampered = chain;
    emulator.byHand(plain -> plain.collection(CollectionNames.AUDIT_CHAINS).document(tampered)
        .collection(CollectionNames.AUDIT_RECORDS).document(FirestoreAuditLog.id(2))
        .update(Map.of("outcome", "executed", "code", "ok"))
        .get());

    List<AuditRecord> read = stores.audit().read(AuditQuery.page(null, 10));
    assertThat(read).extracting(AuditRecord::hashValid).containsExactly(true, false, true);
    assertThat(read.get(1).entry().outcome()).isEqualTo("executed");
  }

  @Test
  void chainsDecimalArgumentsAsTheyReadBack() {
    FirestoreStores stores = emulator.open();
    ObjectNode arguments = Json.object();
    arguments.put("amount", new BigDecimal("12.50"));

    AuditRecord appended = stores.audit().append(auditEntry(1, arguments));

    AuditRecord read = emulator.reopen().audit().last().orElseThrow();
    assertThat(read.hashValid()).isTrue();
    assertThat(read).isEqualTo(appended);
  }

  @Test
  void storesExpiryAsTimestampsForTheTtlPolicy() throws Exception {
    FirestoreStores stores = emulator.open();
    Instant expiry = T0.plus(Duration.ofHours(24));
    stores.idempotency().reserve(new IdempotencyScope("key_a", "create_ticket", "idem/with/slash"), Json.sha256("a"), "req-1", T0,
        T0.plusSeconds(30), expiry);
    stores.cache().put(new CachedResponse("demo|search_customer|{}", Json.object(), T0, expiry));

    for (String collection : List.of(CollectionNames.IDEMPOTENCY, CollectionNames.CACHES)) {
      List<? extends DocumentSnapshot> documents =
          emulator.byHand(plain -> plain.collection(collection).get().get().getDocuments());
      assertThat(documents).as(collection).singleElement().satisfies(document -> {
        assertThat(document.get("expires_at")).isInstanceOf(Timestamp.class);
        assertThat(document.getTimestamp("expires_at").toDate().toInstant()).isEqualTo(expiry);
      });
    }
  }

  @Test
  void roundTripsRateLimitsOfAnyPeriod() {
    FirestoreStores stores = emulator.open();
    ApiKey key =
        new ApiKey("tg_odd", "odd period", Json.sha256("s"), Set.of(Role.AGENT), null, Set.of(), Set.of(),
            new RateLimitSpec(5, Duration.ofSeconds(30)), T0, null);
    ClientProfile client =
        new ClientProfile("odd", "Odd", ZoneId.of("UTC"), Set.of(), Set.of(), new RateLimitSpec(7, Duration.ofDays(1)));

    stores.apiKeys().create(key);
    stores.clientProfiles().upsert(client);
    stores = emulator.reopen();

    assertThat(stores.apiKeys().find("tg_odd")).contains(key);
    assertThat(stores.clientProfiles().find("odd")).contains(client);
  }

  @Test
  void keepsUsageCostsToTheNanoDollar() {
    FirestoreStores stores = emulator.open();
    var day = java.time.LocalDate.parse("2026-11-01");

    stores.usage().record(new dev.toolgate.ports.state.UsageEvent(day, "acme", "chat", false, 1, 8, 2, new BigDecimal("0.000000001")));
    stores.usage().record(new dev.toolgate.ports.state.UsageEvent(day, "acme", "chat", false, 1, 8, 2, new BigDecimal("0.0000000014")));

    assertThat(stores.usage().query(day, day, "acme")).singleElement()
        .satisfies(row -> assertThat(row.costUsd()).isEqualByComparingTo("0.000000002"));
  }

  @Test
  void failsRetryablyOnceClosed() {
    FirestoreStores stores = emulator.open();

    stores.close();
    stores.close();

    assertThat(stores.healthy()).isFalse();
    assertThatThrownBy(() -> stores.apiKeys().list())
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("closed");
  }

  private static int count(Firestore firestore, String collection) throws Exception {
    return firestore.collection(collection).get().get().size();
  }

  private static AuditEntry auditEntry(int n, com.fasterxml.jackson.databind.JsonNode arguments) {
    return new AuditEntry(
        T0.plusMillis(n), "req-" + n, "key_agent", "demo", "create_ticket", arguments, "denied",
        "tool_not_allowed", n, null);
  }
}
