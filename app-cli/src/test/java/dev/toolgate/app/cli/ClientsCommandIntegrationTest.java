package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.Settings;
import dev.toolgate.app.http.ToolgateRuntime;
import dev.toolgate.core.Principal;
import dev.toolgate.core.clients.SaveClientCommand;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientsCommandIntegrationTest {
  private static final String KEY = "pk_live_0a1b2c3d4e5f60718293";

  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  private static JsonNode client(CliHarness.Result listed, String key) {
    for (JsonNode client : listed.json().path("clients")) {
      if (client.path("client_key").asText().equals(key)) {
        return client;
      }
    }
    throw new AssertionError("no client " + key + " in " + listed);
  }

  @Test
  void reAddingAClientChangesOnlyWhatIsGivenAndKeepsItsDenyListRateLimitAndTimeZone() {
    // The deny list and rate limit come from the admin API (the CLI has no flags for them).
    try (ToolgateRuntime runtime =
        ToolgateRuntime.open(Settings.load(Map.of("TOOLGATE_DATA_DIR", cli.dataDir().toString()), temp))) {
      Principal admin = new Principal("test-admin", "test admin", Set.of(Role.ADMIN), null, Set.of(), Set.of(), null);
      runtime.toolgate().clients().save(
          new SaveClientCommand(
              admin, "acme", "Acme", ZoneId.of("Europe/Berlin"), null, null, null, Set.of("send_message"),
              Optional.of(RateLimitSpec.parse("30/minute")), Map.of(), "req-setup"));
    }

    CliHarness.Result readded = cli.runWithInput(KEY, "clients", "add", "acme", "--name", "Acme Apparel", "--klaviyo-key-stdin");
    JsonNode acme = client(cli.run("clients", "list"), "acme");

    assertThat(readded.exitCode()).as(readded.toString()).isZero();
    assertThat(acme.path("display_name").asText()).isEqualTo("Acme Apparel");
    assertThat(acme.path("time_zone").asText()).as("kept, not reset to UTC").isEqualTo("Europe/Berlin");
    assertThat(acme.path("deny_tools").toString()).isEqualTo("[\"send_message\"]");
    assertThat(acme.path("rate_limit").asText()).isEqualTo(RateLimitSpec.parse("30/minute").toString());
    assertThat(acme.path("marketing_backend").asText()).isEqualTo("klaviyo");
  }

  @Test
  void anInvalidKlaviyoKeyIsRefusedAtItsFieldAndNothingIsWritten() {
    CliHarness.Result refused =
        cli.runWithInput("pk_live has spaces", "clients", "add", "initech", "--name", "Initech", "--klaviyo-key-stdin");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("/klaviyo_api_key").doesNotContain("has spaces");
    assertThat(cli.run("clients", "list").json().path("clients").findValuesAsText("client_key")).doesNotContain("initech");
  }

  @Test
  void aNewClientNeedsAName() {
    CliHarness.Result nameless = cli.run("clients", "add", "initech");

    assertThat(nameless.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(nameless.err()).contains("/display_name");
  }

  @Test
  void listsTheDemoClientWithTheSampleBackend() {
    CliHarness.Result listed = cli.run("clients", "list");

    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    JsonNode demo = client(listed, "demo");
    assertThat(demo.path("marketing_backend").asText()).isEqualTo("sample");
    assertThat(demo.path("time_zone").asText()).isEqualTo("UTC");
    assertThat(demo.path("secrets").size()).isZero();
  }

  @Test
  void addsAClientWithAKeyFromAFileAndStoresItEncrypted() throws Exception {
    Path keyFile = temp.resolve("klaviyo.key");
    Files.writeString(keyFile, KEY + "\n");

    CliHarness.Result added =
        cli.run("clients", "add", "acme", "--name", "Acme Apparel", "--time-zone", "Europe/Berlin", "--klaviyo-key-file", keyFile.toString());
    CliHarness.Result listed = cli.run("clients", "list");

    assertThat(added.exitCode()).as(added.toString()).isZero();
    JsonNode acme = client(listed, "acme");
    assertThat(acme.path("marketing_backend").asText()).isEqualTo("klaviyo");
    assertThat(acme.path("time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(acme.path("secrets").toString()).isEqualTo("[\"klaviyo_api_key\"]");
    assertThat(added.out() + added.err() + listed.out() + listed.err()).doesNotContain(KEY).doesNotContain("0a1b2c3d4e5f");
    try (Stream<Path> files = Files.list(cli.dataDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as(file.toString()).doesNotContain(KEY).doesNotContain("0a1b2c3d4e5f");
      }
    }
  }

  @Test
  void readsTheKeyFromStandardInputAndKeepsTheBackendWhenRenamed() {
    CliHarness.Result added = cli.runWithInput(KEY + "\n", "clients", "add", "acme", "--name", "Acme", "--klaviyo-key-stdin");
    CliHarness.Result renamed = cli.run("clients", "add", "acme", "--name", "Acme Apparel GmbH");

    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
    JsonNode acme = client(cli.run("clients", "list"), "acme");
    assertThat(acme.path("display_name").asText()).isEqualTo("Acme Apparel GmbH");
    assertThat(acme.path("marketing_backend").asText()).isEqualTo("klaviyo");
    assertThat(acme.path("secrets").toString()).isEqualTo("[\"klaviyo_api_key\"]");
  }

  @Test
  void refusesBadInputAndNonAdminsWithTheirExitCodes() {
    String agent = cli.createKey("agent", "--role", "agent");

    CliHarness.Result empty = cli.runWithInput("\n", "clients", "add", "acme", "--name", "Acme", "--klaviyo-key-stdin");
    CliHarness.Result spaces = cli.runWithInput("pk live key", "clients", "add", "acme", "--name", "Acme", "--klaviyo-key-stdin");
    CliHarness.Result badZone = cli.run("clients", "add", "acme", "--name", "Acme", "--time-zone", "Mars/Base");
    CliHarness.Result badKey = cli.run("clients", "add", "Not A Key", "--name", "Acme");
    CliHarness.Result forbidden = cli.run("--key", agent, "clients", "add", "acme", "--name", "Acme");
    CliHarness.Result both =
        cli.runWithInput(KEY, "clients", "add", "acme", "--name", "Acme", "--klaviyo-key-stdin", "--klaviyo-key-file", "x");

    assertThat(empty.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(spaces.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(spaces.err()).doesNotContain("pk live key");
    assertThat(badZone.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badKey.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(forbidden.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("clients", "list").json().path("clients").findValuesAsText("client_key")).containsExactly("demo");
  }

  @Test
  void aClientWithoutMarketingAccountGetsAnAnswerSayingSo() {
    cli.run("clients", "add", "plain", "--name", "Plain");

    CliHarness.Result plain = cli.run("chat", "--client", "plain", "campaigns last week");

    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.json().path("answer").asText()).contains("no marketing account connected");
  }

  @Test
  void aDefaultModelIsSetKeptByALaterAddAndClearedWithAnEmptyValue() {
    // No model is configured here, so the name is stored as given, for the day one is.
    CliHarness.Result set = cli.run("clients", "add", "globex", "--name", "Globex", "--default-model", "openai/gpt-6-luna");
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(client(cli.run("clients", "list"), "globex").path("default_model").asText()).isEqualTo("openai/gpt-6-luna");

    cli.run("clients", "add", "globex", "--time-zone", "Europe/Paris");
    assertThat(client(cli.run("clients", "list"), "globex").path("default_model").asText())
        .as("kept when not given").isEqualTo("openai/gpt-6-luna");

    cli.run("clients", "add", "globex", "--default-model", "");
    assertThat(client(cli.run("clients", "list"), "globex").path("default_model").isNull()).isTrue();
  }

  @Test
  void aClientsOwnModelKeyIsReadFromStandardInputForAConfiguredProviderOnly() {
    String modelKey = "sk-acme-own-0123456789abcdef";
    CliHarness.Result unconfigured =
        cli.runWithInput(modelKey, "clients", "add", "acme", "--name", "Acme", "--model-key", "anthropic");
    assertThat(unconfigured.exitCode()).as(unconfigured.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unconfigured.toString()).contains("model_api_keys/anthropic").doesNotContain(modelKey);

    cli.env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1").env("TOOLGATE_LLM_MODEL", "gpt-6-luna");
    CliHarness.Result both =
        cli.runWithInput(modelKey, "clients", "add", "acme", "--name", "Acme", "--model-key", "openai", "--klaviyo-key-stdin");
    CliHarness.Result stored = cli.runWithInput(modelKey + "\n", "clients", "add", "acme", "--name", "Acme", "--model-key", "openai");
    CliHarness.Result listed = cli.run("clients", "list");

    assertThat(both.exitCode()).as(both.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(stored.exitCode()).as(stored.toString()).isZero();
    assertThat(stored.toString()).contains("stored the openai key of client acme encrypted").doesNotContain(modelKey);
    assertThat(client(listed, "acme").path("model_key_providers").toString()).isEqualTo("[\"openai\"]");
    assertThat(listed.toString()).doesNotContain(modelKey);
  }
}
