package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.toolgate.ports.state.StateStores;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.DemoSupportData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the adapter promises beyond the port contracts: schema, seeding, tamper evidence, processes. */
class SqliteStoresIntegrationTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path directory;
  private StoresOnFile file;

  @BeforeEach
  void createFile() {
    file = new StoresOnFile(directory, Clock.systemUTC());
  }

  @AfterEach
  void closeFile() {
    file.close();
  }

  @Test
  void createsTheFileAndItsDirectoriesInWalMode() throws SQLException {
    assertThat(file.config().databaseFile().getParent()).doesNotExist();

    SqliteStores stores = file.open();

    assertThat(file.config().databaseFile()).isRegularFile();
    assertThat(stores.healthy()).isTrue();
    assertThat(queryStrings("PRAGMA journal_mode")).containsExactly("wal");
  }

  @Test
  void isOneStateStoresThatDescribesItselfByItsFile() {
    StateStores stores = file.open();

    assertThat(stores.describe()).isEqualTo("sqlite " + file.config().databaseFile());
    assertThat(stores.idempotency()).isSameAs(stores.idempotency());
  }

  @Test
  void appliesMigrationsOnceAndRecordsThem() throws SQLException {
    file.open();
    file.reopen();
    file.reopen();

    assertThat(queryStrings("SELECT version || ' ' || description FROM schema_version ORDER BY version"))
        .containsExactly("1 init", "2 chat and secrets", "3 effect keys", "4 audit checkpoint",
            "5 usage tokens in out", "6 client default model", "7 chat recovery and export");
    assertThat(SchemaMigrations.latestVersion()).isEqualTo(SchemaMigrations.FILES.size());
    assertThat(queryStrings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        .contains("api_keys", "approvals", "audit_log", "client_profiles", "customers", "idempotency_records",
            "incident_customers", "incidents", "messages", "response_cache", "schema_version", "tickets",
            "usage_counters", "chat_sessions", "chat_turns", "tool_logs", "client_secrets");
  }

  @Test
  void refusesDatabaseWithNewerSchemaNamingBothVersions() throws SQLException {
    file.open().close();
    execute("INSERT INTO schema_version (version, description, applied_at) VALUES (8, 'from the future', 0)");

    assertThatThrownBy(() -> SqliteStores.open(file.config()))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("schema version 8")
        .hasMessageContaining("versions up to " + SchemaMigrations.latestVersion())
        .hasMessageContaining(file.config().databaseFile().getFileName().toString());
  }

  @Test
  void seedsDemoDataOnFirstStartOnly() throws SQLException {
    SqliteStores stores = file.open();
    assertThat(stores.supportDesk().searchCustomers("", 1000)).hasSameSizeAs(DemoSupportData.customers());
    assertThat(stores.clientProfiles().list())
        .containsExactly(
            new ClientProfile(
                "demo", "Demo Client", ZoneId.of("UTC"), Set.of(), Set.of(), null, MarketingBackend.SAMPLE));
    String customerId = DemoSupportData.customers().get(0).id();
    stores.supportDesk().updateCustomerStatus(customerId, CustomerStatus.CHURNED);

    stores = file.reopen();
    stores = file.reopen();

    assertThat(count("customers")).isEqualTo(DemoSupportData.customers().size());
    assertThat(count("incidents")).isEqualTo(DemoSupportData.incidents().size());
    assertThat(count("incident_customers"))
        .isEqualTo(DemoSupportData.incidents().stream()
            .mapToInt(incident -> DemoSupportData.affectedCustomerIds(incident.id()).size())
            .sum());
    assertThat(count("client_profiles")).isEqualTo(1);
    assertThat(stores.supportDesk().findCustomer(customerId).orElseThrow().status()).isEqualTo(CustomerStatus.CHURNED);
  }

  @Test
  void keepsOperatorsClientsInsteadOfSeedingTheDemoClient() throws SQLException {
    SqliteStores stores = file.open();
    execute("DELETE FROM client_profiles");
    ClientProfile own = new ClientProfile("acme", "Acme", ZoneId.of("Europe/Berlin"), Set.of(), Set.of(), null);
    stores.clientProfiles().upsert(own);

    stores = file.reopen();

    assertThat(stores.clientProfiles().list()).containsExactly(own);
  }

  @Test
  void showsTamperedAuditRowAsInvalid() throws SQLException {
    SqliteStores stores = file.open();
    for (int n = 1; n <= 3; n++) {
      stores.audit().append(auditEntry(n, Json.parse("{\"customer_id\":\"cus_00" + n + "\"}")));
    }
    assertThat(stores.audit().read(AuditQuery.page(null, 10))).allMatch(AuditRecord::hashValid);

    execute("UPDATE audit_log SET outcome = 'executed', code = NULL WHERE seq = 2");

    List<AuditRecord> read = stores.audit().read(AuditQuery.page(null, 10));
    assertThat(read).extracting(AuditRecord::hashValid).containsExactly(true, false, true);
    assertThat(read.get(1).entry().outcome()).isEqualTo("executed");
  }

  @Test
  void chainsDecimalArgumentsAsTheyReadBack() {
    SqliteStores stores = file.open();
    ObjectNode arguments = Json.object();
    arguments.put("amount", new BigDecimal("12.50"));

    AuditRecord appended = stores.audit().append(auditEntry(1, arguments));

    AuditRecord read = file.reopen().audit().last().orElseThrow();
    assertThat(read.hashValid()).isTrue();
    assertThat(read).isEqualTo(appended);
  }

  @Test
  void roundTripsRateLimitsOfAnyPeriod() {
    SqliteStores stores = file.open();
    ApiKey key =
        new ApiKey("tg_odd", "odd period", Json.sha256("s"), Set.of(Role.AGENT), null, Set.of(), Set.of(),
            new RateLimitSpec(5, Duration.ofSeconds(30)), T0, null);
    ClientProfile client =
        new ClientProfile("odd", "Odd", ZoneId.of("UTC"), Set.of(), Set.of(), new RateLimitSpec(7, Duration.ofDays(1)));

    stores.apiKeys().create(key);
    stores.clientProfiles().upsert(client);
    stores = file.reopen();

    assertThat(stores.apiKeys().find("tg_odd")).contains(key);
    assertThat(stores.clientProfiles().find("odd")).contains(client);
  }

  @Test
  void failsRetryablyOnceClosed() {
    SqliteStores stores = file.open();

    stores.close();
    stores.close();

    assertThat(stores.healthy()).isFalse();
    assertThatThrownBy(() -> stores.apiKeys().list())
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void opensOnlyWhatConfigNames() {
    Path elsewhere = directory.resolve("a/b/c/other.db");

    try (SqliteStores stores = SqliteStores.open(new SqliteConfig(elsewhere))) {
      assertThat(stores.healthy()).isTrue();
    }

    assertThat(elsewhere).isRegularFile();
    assertThat(Files.exists(file.config().databaseFile())).isFalse();
  }

  private static AuditEntry auditEntry(int n, com.fasterxml.jackson.databind.JsonNode arguments) {
    return new AuditEntry(
        T0.plusMillis(n), "req-" + n, "key_agent", "demo", "create_ticket", arguments, "denied",
        "tool_not_allowed", n, null);
  }

  private List<String> queryStrings(String sql) throws SQLException {
    try (Connection connection = file.plainConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private int count(String table) throws SQLException {
    return Integer.parseInt(queryStrings("SELECT count(*) FROM " + table).get(0));
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = file.plainConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }
}
