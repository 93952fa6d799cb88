package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from the environment alone: the work dir holds neither {@code .env} nor a config file. */
class SettingsTest {
  private static final Path NOWHERE = Path.of("/nonexistent-toolgate-workdir");

  private static Settings load(Map<String, String> env) {
    return Settings.load(env, NOWHERE);
  }

  private static List<String> problems(Map<String, String> env) {
    return catchThrowableOfType(SettingsException.class, () -> load(env)).problems();
  }

  @Test
  void flowchatApprovalToolsAreASettingWithTheSeedsRiskyToolsAsDefault() {
    Map<String, String> base = Map.of("SUPABASE_URL", "http://127.0.0.1:1", "SUPABASE_API_KEY", "anon-key-123");
    Map<String, String> chosen = new java.util.HashMap<>(base);
    chosen.put("FLOWCHAT_APPROVAL_TOOLS", "delete_facture");
    Map<String, String> none = new java.util.HashMap<>(base);
    none.put("FLOWCHAT_APPROVAL_TOOLS", "none");

    assertThat(load(base).flowchat().config().approvalTools())
        .containsExactlyInAnyOrderElementsOf(dev.toolgate.adapter.flowchat.FlowChatConfig.DEFAULT_APPROVAL_TOOLS);
    assertThat(load(chosen).flowchat().config().approvalTools()).containsExactly("delete_facture");
    assertThat(load(none).flowchat().config().approvalTools()).isEmpty();
  }

  @Test
  void usesDocumentedDefaultsWithoutAnySetting() {
    Settings settings = load(Map.of());

    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.dataDir()).isEqualTo(NOWHERE.resolve("data"));
    assertThat(settings.allowedTools()).isEmpty();
    assertThat(settings.corsOrigins()).isEmpty();
    assertThat(settings.cacheTtl()).isEqualTo(Duration.ofSeconds(900));
    assertThat(settings.rateLimit()).isEqualTo(RateLimitSpec.perMinute(200));
    assertThat(settings.approvalTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.idempotencyRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.executionTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maintenanceInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.keyCacheTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.selfApproval()).isFalse();
    assertThat(settings.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(settings.fixedKeys()).isEmpty();
  }

  @Test
  void readsEverySettingFromTheEnvironment() {
    Settings settings =
        load(
            Map.ofEntries(
                Map.entry("PORT", "9090"),
                Map.entry("TOOLGATE_HOST", "0.0.0.0"),
                Map.entry("TOOLGATE_DATA_DIR", "state"),
                Map.entry("ALLOWED_TOOLS", "search_customer, create_ticket,,"),
                Map.entry("CORS_ORIGINS", "http://localhost:3000,https://App.Example.com/"),
                Map.entry("CACHE_TTL_SECONDS", "0"),
                Map.entry("RATE_LIMIT", "10/second"),
                Map.entry("TOOLGATE_APPROVAL_TTL_SECONDS", "60"),
                Map.entry("TOOLGATE_IDEMPOTENCY_RETENTION_HOURS", "48"),
                Map.entry("TOOLGATE_EXECUTION_TIMEOUT_SECONDS", "5"),
                Map.entry("TOOLGATE_MAINTENANCE_INTERVAL_SECONDS", "60"),
                Map.entry("TOOLGATE_KEY_CACHE_SECONDS", "0"),
                Map.entry("TOOLGATE_SELF_APPROVAL", "yes"),
                Map.entry("TOOLGATE_MAX_BODY_BYTES", "2048")));

    assertThat(settings.port()).isEqualTo(9090);
    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.dataDir()).isEqualTo(NOWHERE.resolve("state"));
    assertThat(settings.allowedTools()).containsExactlyInAnyOrder("search_customer", "create_ticket");
    assertThat(settings.corsOrigins()).containsExactly("http://localhost:3000", "https://app.example.com");
    assertThat(settings.cacheTtl()).isZero();
    assertThat(settings.rateLimit()).isEqualTo(new RateLimitSpec(10, Duration.ofSeconds(1)));
    assertThat(settings.approvalTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.idempotencyRetention()).isEqualTo(Duration.ofHours(48));
    assertThat(settings.executionTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.maintenanceInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.gatewayConfig().maintenanceInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.gatewayConfig().keyCacheTtl()).isZero();
    assertThat(settings.selfApproval()).isTrue();
    assertThat(settings.maxBodyBytes()).isEqualTo(2048);
  }

  @Test
  void auditRetentionIsUnsetByDefaultAndReachesTheGatewayWithItsArchiveDir(@TempDir Path dir) {
    Path archive = dir.resolve("archive");
    Settings settings =
        load(Map.of("TOOLGATE_AUDIT_RETENTION_DAYS", "90", "TOOLGATE_AUDIT_ARCHIVE_DIR", archive.toString()));

    assertThat(load(Map.of()).gatewayConfig().auditRetention()).isNull();
    assertThat(load(Map.of()).gatewayConfig().auditArchiveDir()).isNull();
    assertThat(settings.gatewayConfig().auditRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(settings.gatewayConfig().auditArchiveDir()).isEqualTo(archive);
  }

  @Test
  void badAuditRetentionSettingsAreNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    assertThat(problems(Map.of("TOOLGATE_AUDIT_RETENTION_DAYS", "0"))).singleElement().asString()
        .contains("TOOLGATE_AUDIT_RETENTION_DAYS").contains("from 1").contains("'0'");
    assertThat(problems(Map.of("TOOLGATE_AUDIT_RETENTION_DAYS", "30d"))).singleElement().asString()
        .contains("TOOLGATE_AUDIT_RETENTION_DAYS").contains("'30d'");
    assertThat(problems(Map.of("TOOLGATE_AUDIT_RETENTION_DAYS", "30", "TOOLGATE_AUDIT_ARCHIVE_DIR", file.toString())))
        .singleElement().asString()
        .contains("TOOLGATE_AUDIT_ARCHIVE_DIR").contains("not a directory");
    assertThat(problems(Map.of("TOOLGATE_AUDIT_ARCHIVE_DIR", dir.toString()))).singleElement().asString()
        .contains("TOOLGATE_AUDIT_ARCHIVE_DIR is set but neither TOOLGATE_AUDIT_RETENTION_DAYS");
  }

  @Test
  void auditRetentionAlsoTakesAnIsoDurationForRunsShorterThanADay(@TempDir Path dir) {
    Path archive = dir.resolve("archive");

    assertThat(load(Map.of("TOOLGATE_AUDIT_RETENTION", "PT2M")).gatewayConfig().auditRetention())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(load(Map.of("TOOLGATE_AUDIT_RETENTION", "P30D", "TOOLGATE_AUDIT_ARCHIVE_DIR", archive.toString()))
            .gatewayConfig().auditArchiveDir())
        .isEqualTo(archive);
  }

  @Test
  void badIsoAuditRetentionsAndBothRetentionSettingsAreNamed() {
    assertThat(problems(Map.of("TOOLGATE_AUDIT_RETENTION", "2 minutes"))).singleElement().asString()
        .contains("TOOLGATE_AUDIT_RETENTION").contains("ISO-8601").contains("'2 minutes'");
    assertThat(problems(Map.of("TOOLGATE_AUDIT_RETENTION", "PT0S"))).singleElement().asString()
        .contains("TOOLGATE_AUDIT_RETENTION").contains("PT1S").contains("'PT0S'");
    assertThat(problems(Map.of("TOOLGATE_AUDIT_RETENTION", "PT2M", "TOOLGATE_AUDIT_RETENTION_DAYS", "7")))
        .singleElement().asString()
        .contains("both set");
  }

  @Test
  void zeroMaintenanceIntervalDisablesTheSchedule() {
    Settings settings = load(Map.of("TOOLGATE_MAINTENANCE_INTERVAL_SECONDS", "0"));

    assertThat(settings.gatewayConfig().maintenanceInterval()).isZero();
  }

  @Test
  void turnsTheSeedsSharedKeysIntoFixedKeysWithTheFlowChatKeyScopedToItsTools() {
    Settings settings =
        load(Map.of("API_KEY", "dev-key-123", "X_PROXY_KEY", "proxy-secret", "FLOWCHAT_MCP_KEY", "flowchat-secret"));

    assertThat(settings.fixedKeys())
        .extracting(Settings.FixedKey::id)
        .containsExactly("env-api-key", "env-flowchat-mcp-key", "env-x-proxy-key");
    assertThat(settings.fixedKeys().get(0).secret()).isEqualTo("dev-key-123");
    assertThat(List.of(settings.fixedKeys().get(0), settings.fixedKeys().get(2))).allSatisfy(key -> {
      assertThat(key.roles()).containsExactly(Role.ADMIN);
      assertThat(key.allowTools()).isEmpty();
    });
    Settings.FixedKey flowchat = settings.fixedKeys().get(1);
    assertThat(flowchat.roles()).containsExactly(Role.AGENT);
    assertThat(flowchat.allowTools()).hasSize(21).contains("create_and_send_facture", "search_entreprise_with_stats")
        .doesNotContain("search_customer");
  }

  @Test
  void blankValuesCountAsUnset() {
    Settings settings = load(Map.of("PORT", " ", "API_KEY", ""));

    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.fixedKeys()).isEmpty();
  }

  @Test
  void reportsEachBadValueWithItsNameAndTheValue() {
    assertThat(problems(Map.of("PORT", "eighty"))).singleElement().asString()
        .contains("PORT").contains("'eighty'").contains("environment");
    assertThat(problems(Map.of("PORT", "70000"))).singleElement().asString().contains("PORT").contains("'70000'");
    assertThat(problems(Map.of("RATE_LIMIT", "fast"))).singleElement().asString()
        .contains("RATE_LIMIT").contains("'fast'");
    assertThat(problems(Map.of("CACHE_TTL_SECONDS", "-1"))).singleElement().asString()
        .contains("CACHE_TTL_SECONDS").contains("'-1'");
    assertThat(problems(Map.of("TOOLGATE_SELF_APPROVAL", "maybe"))).singleElement().asString()
        .contains("TOOLGATE_SELF_APPROVAL").contains("'maybe'");
    assertThat(problems(Map.of("ALLOWED_TOOLS", "search_customer,create ticket!"))).singleElement().asString()
        .contains("ALLOWED_TOOLS").contains("'create ticket!'");
    assertThat(problems(Map.of("CORS_ORIGINS", "*"))).singleElement().asString()
        .contains("CORS_ORIGINS").contains("'*'");
    assertThat(problems(Map.of("CORS_ORIGINS", "http://ok.example,ftp://files.example/path"))).singleElement()
        .asString().contains("CORS_ORIGINS").contains("'ftp://files.example/path'");
    assertThat(problems(Map.of("TOOLGATE_HOST", "http://localhost"))).singleElement().asString()
        .contains("TOOLGATE_HOST").contains("'http://localhost'");
    assertThat(problems(Map.of("TOOLGATE_HOST", "999.1.1.1"))).singleElement().asString()
        .contains("TOOLGATE_HOST").contains("IPv4").contains("'999.1.1.1'");
    assertThat(problems(Map.of("TOOLGATE_HOST", "no-such-host.invalid"))).singleElement().asString()
        .contains("TOOLGATE_HOST").contains("cannot be resolved").contains("'no-such-host.invalid'");
    assertThat(problems(Map.of("TOOLGATE_IDEMPOTENCY_RETENTION_HOURS", "2"))).singleElement().asString()
        .contains("TOOLGATE_IDEMPOTENCY_RETENTION_HOURS").contains("from 24").contains("'2'");
    assertThat(problems(Map.of("TOOLGATE_MAINTENANCE_INTERVAL_SECONDS", "-5"))).singleElement().asString()
        .contains("TOOLGATE_MAINTENANCE_INTERVAL_SECONDS").contains("from 0").contains("'-5'");
    assertThat(problems(Map.of("TOOLGATE_MAINTENANCE_INTERVAL_SECONDS", "5m"))).singleElement().asString()
        .contains("TOOLGATE_MAINTENANCE_INTERVAL_SECONDS").contains("'5m'");
    assertThat(problems(Map.of("TOOLGATE_KEY_CACHE_SECONDS", "7200"))).singleElement().asString()
        .contains("TOOLGATE_KEY_CACHE_SECONDS").contains("'7200'");
    assertThat(problems(Map.of("TOOLGATE_MAX_BODY_BYTES", "1kb"))).singleElement().asString()
        .contains("TOOLGATE_MAX_BODY_BYTES").contains("'1kb'");
    assertThat(problems(Map.of("TOOLGATE_DATA_DIR", "bad\u0000dir"))).singleElement().asString()
        .contains("TOOLGATE_DATA_DIR").contains("'bad\u0000dir'");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    SettingsException e =
        catchThrowableOfType(
            SettingsException.class,
            () -> load(Map.of("PORT", "x", "RATE_LIMIT", "0/minute", "TOOLGATE_APPROVAL_TTL_SECONDS", "0", "API_KEY", "short")));

    assertThat(e.problems()).hasSize(4);
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("PORT"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("RATE_LIMIT"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("TOOLGATE_APPROVAL_TTL_SECONDS"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("API_KEY"));
    assertThat(e.getMessage()).contains("4 bad settings");
  }

  @Test
  void neverQuotesATooShortSecret() {
    List<String> problems = problems(Map.of("X_PROXY_KEY", "abc12"));

    assertThat(problems).singleElement().asString().contains("X_PROXY_KEY").contains("at least 8").doesNotContain("abc12");
  }

  @Test
  void keepsSecretsOutOfToString() {
    Settings settings = load(Map.of("API_KEY", "super-secret-api-key", "APP_AUTH_BEARER", "bearer-secret-value"));

    assertThat(settings.toString())
        .doesNotContain("super-secret-api-key")
        .doesNotContain("bearer-secret-value")
        .contains("env-api-key")
        .contains("env-app-auth-bearer");
    assertThat(settings.fixedKeys().toString()).doesNotContain("super-secret-api-key");
  }

  @Test
  void buildsTheGatewayConfigFromTheSettings() {
    GatewayConfig config =
        load(Map.of("ALLOWED_TOOLS", "search_customer", "RATE_LIMIT", "5/hour", "TOOLGATE_SELF_APPROVAL", "true",
                "TOOLGATE_APPROVAL_TTL_SECONDS", "120"))
            .gatewayConfig();

    assertThat(config.allowedTools()).isEqualTo(Set.of("search_customer"));
    assertThat(config.defaultRateLimit()).isEqualTo(new RateLimitSpec(5, Duration.ofHours(1)));
    assertThat(config.selfApproval()).isTrue();
    assertThat(config.approvalTtl()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.cacheTtl()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void withersChangeOnlyTheirSetting() {
    Settings settings = load(Map.of("PORT", "9000"));

    assertThat(settings.withPort(0).port()).isZero();
    assertThat(settings.withPort(0).withDataDir(Path.of("/tmp/x")).dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(settings.withDataDir(Path.of("/tmp/x")).port()).isEqualTo(9000);
  }
}
