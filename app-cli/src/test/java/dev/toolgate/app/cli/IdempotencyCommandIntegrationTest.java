package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyCommandIntegrationTest {
  private static final String TICKET = "{\"customer_id\":\"cus_002\",\"subject\":\"Invoice question\"}";

  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  private String keyId(String name) {
    return cli.run("keys", "list").json().path("keys").findParents("name").stream()
        .filter(k -> k.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow()
        .path("id")
        .asText();
  }

  @Test
  void aForgottenKeyRunsTheNextCallAsANewCallAndTheClearingIsAudited() {
    String secret = cli.createKey("bot", "--role", "agent");
    String id = keyId("bot");
    CliHarness.Result first = cli.run("--key", secret, "tools", "call", "create_ticket", "--args", TICKET,
        "--idempotency-key", "inv-7");
    assertThat(first.exitCode()).as(first.toString()).isZero();

    CliHarness.Result forgot =
        cli.run("idempotency", "forget", "--key-id", id, "--tool", "create_ticket", "--idempotency-key", "inv-7");
    CliHarness.Result again = cli.run("idempotency", "forget", "--key-id", id, "--tool", "create_ticket", "--idempotency-key", "inv-7");
    CliHarness.Result audit = cli.run("audit", "tail", "-n", "3");

    assertThat(forgot.exitCode()).as(forgot.toString()).isZero();
    assertThat(forgot.json().path("existed").asBoolean()).isTrue();
    assertThat(again.json().path("existed").asBoolean()).isFalse();
    assertThat(audit.json().path("records").findValuesAsText("outcome")).contains("idempotency_key_forgotten");
  }

  @Test
  void onlyAdminsForgetKeys() {
    String secret = cli.createKey("bot", "--role", "agent", "--role", "operator");

    CliHarness.Result refused =
        cli.run("--key", secret, "idempotency", "forget", "--key-id", "k", "--tool", "create_ticket", "--idempotency-key", "x");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.FORBIDDEN);
  }

  @Test
  void aMalformedKeyIsAUsageError() {
    CliHarness.Result result =
        cli.run("idempotency", "forget", "--key-id", "k", "--tool", "create_ticket", "--idempotency-key", "has space");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.err()).contains("idempotency key must be");
  }
}
