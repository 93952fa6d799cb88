package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandIntegrationTest {
  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  @Test
  void createsAKeyAndShowsItsSecretOnceWithAWarning() {
    CliHarness.Result created =
        cli.run(
            "keys", "create", "--name", "support-bot", "--role", "agent", "--role", "operator",
            "--client", "demo", "--allow-tool", "search_customer", "--deny-tool", "send_message",
            "--rate-limit", "60/minute");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode json = created.json();
    String id = json.path("key").path("id").asText();
    assertThat(json.path("secret").asText()).startsWith("tg_").contains(id);
    assertThat(json.path("key").path("roles").toString()).isEqualTo("[\"agent\",\"operator\"]");
    assertThat(json.path("key").path("client_key").asText()).isEqualTo("demo");
    assertThat(json.path("key").path("rate_limit").asText()).isEqualTo("60/minute");
    assertThat(created.err()).contains(id).contains("will not be shown again");
  }

  @Test
  void aKeyForAMalformedOrUnknownClientIsRefusedAsOverRest() {
    CliHarness.Result malformed = cli.run("keys", "create", "--name", "bad", "--role", "agent", "--client", "BAD KEY");
    CliHarness.Result unknown = cli.run("keys", "create", "--name", "bad", "--role", "agent", "--client", "nobody");

    assertThat(malformed.exitCode()).as(malformed.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(malformed.err()).contains("/client_key").contains("must name an existing client").contains("'BAD KEY'");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unknown.err()).contains("'nobody'");
    assertThat(cli.run("keys", "list").json().path("keys").findValuesAsText("name")).doesNotContain("bad");
  }

  @Test
  void listsKeysWithoutSecretsOrHashes() {
    String secret = cli.createKey("support-bot", "--role", "agent");

    CliHarness.Result listed = cli.run("keys", "list");

    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.json().path("keys").findValuesAsText("name")).contains("support-bot");
    // A secret is tg_<id>_<random>; the random part may itself hold '_', so it starts after the id's '_'.
    String random = secret.substring(secret.indexOf('_', "tg_".length()) + 1);
    assertThat(listed.out()).doesNotContain(secret).doesNotContain(random);
    assertThat(listed.out()).doesNotContain("hash");
  }

  @Test
  void aRevokedKeyStopsWorking() {
    String secret = cli.createKey("short-lived", "--role", "agent");
    String id =
        cli.run("keys", "list").json().path("keys").findParents("name").stream()
            .filter(k -> k.path("name").asText().equals("short-lived"))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asText();
    assertThat(cli.run("--key", secret, "tools", "list").exitCode()).isZero();

    CliHarness.Result revoked = cli.run("keys", "revoke", id);
    CliHarness.Result refused = cli.run("--key", secret, "tools", "list");
    CliHarness.Result listed = cli.run("--output", "table", "keys", "list");

    assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
    assertThat(revoked.json().path("was_active").asBoolean()).isTrue();
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(listed.out()).containsPattern(id + "\\s+short-lived\\s+agent\\s+-\\s+revoked");
  }

  @Test
  void revokingAnUnknownKeyExitsNotFound() {
    CliHarness.Result result = cli.run("keys", "revoke", "nokey");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void onlyAdminsManageKeys() {
    String agent = cli.createKey("agent", "--role", "agent");

    CliHarness.Result result = cli.run("--key", agent, "keys", "list");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FORBIDDEN);
  }

  @Test
  void badRolesAndRateLimitsAreUsageErrorsThatSayWhy() {
    CliHarness.Result badRole = cli.run("keys", "create", "--name", "x", "--role", "superuser");
    CliHarness.Result badLimit = cli.run("keys", "create", "--name", "x", "--role", "agent", "--rate-limit", "fast");

    assertThat(badRole.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badRole.err()).contains("superuser").contains("approver");
    assertThat(badLimit.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badLimit.err()).contains("'fast'");
  }

  @Test
  void aBlankNameIsInvalidInput() {
    CliHarness.Result result = cli.run("keys", "create", "--name", " ", "--role", "agent");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("blank");
  }
}
