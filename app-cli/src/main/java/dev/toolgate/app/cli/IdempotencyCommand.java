package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code toolgate idempotency}: operator resolution of idempotency keys (admin only). */
@Command(
    name = "idempotency",
    mixinStandardHelpOptions = true,
    description = "Resolve idempotency keys (admin only), e.g. one answered outcome_unknown after a crash.",
    subcommands = {IdempotencyCommand.Forget.class})
final class IdempotencyCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code idempotency forget}: the next call with the key runs as a new call. */
  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description =
          "Clear one idempotency key so that the next call with it runs as a new call. For a key answered"
              + " outcome_unknown: first check in the tool's own system whether the cut-off call took effect.")
  static final class Forget implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--key-id", paramLabel = "K", required = true, description = "The API key id that made the call.")
    private String keyId;

    @Option(names = "--tool", paramLabel = "T", required = true, description = "The tool name.")
    private String tool;

    @Option(names = "--idempotency-key", paramLabel = "X", required = true, description = "The idempotency key.")
    private String key;

    @Override
    public Integer call() {
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        boolean existed;
        try {
          existed =
              session.toolgate().maintenance().forgetIdempotencyKey(
                  session.principal(), keyId, tool, key, session.requestId());
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Printer printer = session.printer();
        if (printer.table()) {
          printer.line(existed ? "forgot idempotency key " + key : "idempotency key " + key + " had no record");
        } else {
          ObjectNode document = Json.object();
          document.put("key_id", keyId).put("tool", tool).put("idempotency_key", key).put("existed", existed);
          document.put("request_id", session.requestId());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }
  }
}
