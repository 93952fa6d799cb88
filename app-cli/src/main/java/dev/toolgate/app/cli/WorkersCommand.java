package dev.toolgate.app.cli;

import dev.toolgate.workers.flowchat.ReferenceWorkers;
import dev.toolgate.workers.flowchat.ReferenceWorkersConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toolgate workers}: starts the FlowChat reference workers (Supabase-RPC stand-in and the
 * database, document, storage and email workers, on one SQLite file with sample data) and prints the
 * settings to export so that {@code toolgate serve} offers the 21 FlowChat tools.
 */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description = {
      "Run the FlowChat reference workers on this machine (no accounts needed): a Supabase RPC stand-in and the"
          + " database, document (PDF), storage (disk) and email (SMTP) workers, over one SQLite file with sample"
          + " data marked '(exemple)'. Prints the settings to export, then runs until Ctrl-C.",
      "",
      "WORKER_AUTH_KEY and SUPABASE_API_KEY are used when set, else generated. Mail goes to SMTP_HOST:SMTP_PORT"
          + " (default localhost:2525) from MAIL_FROM."
    })
final class WorkersCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dir", description = "Where the workers keep their SQLite file and stored files (default: data/flowchat-workers).")
  private Path dir = Path.of("data", "flowchat-workers");

  @Option(names = "--seed-ports", description = "Listen on the seed's ports (RPC 54321, workers 8001-8004) instead of free ones.")
  private boolean seedPorts;

  @Option(names = "--once", hidden = true, description = "Start, print the settings and stop (for scripts and tests).")
  private boolean once;

  @Override
  public Integer call() throws InterruptedException {
    ToolgateCommand top = ToolgateCommand.of(spec);
    String workerKey = orGenerated(top.env("WORKER_AUTH_KEY"));
    String apiKey = orGenerated(top.env("SUPABASE_API_KEY"));
    int smtpPort;
    try {
      smtpPort = Integer.parseInt(orDefault(top.env("SMTP_PORT"), "2525"));
    } catch (NumberFormatException e) {
      throw new CliException(ExitCodes.USAGE, "SMTP_PORT must be a port number, got '" + top.env("SMTP_PORT") + "'");
    }
    ReferenceWorkersConfig config = ReferenceWorkersConfig.defaults(top.resolve(dir))
        .withWorkerAuthKey(workerKey)
        .withSupabaseApiKey(apiKey)
        .withSmtp(orDefault(top.env("SMTP_HOST"), "localhost"), smtpPort,
            orDefault(top.env("MAIL_FROM"), "factures@flowchat.example"));
    if (seedPorts) {
      config = config.withSeedPorts();
    }
    ReferenceWorkers workers = ReferenceWorkers.start(config);
    Map<String, String> exports = new LinkedHashMap<>(workers.settings());
    exports.put("SUPABASE_API_KEY", apiKey);
    exports.put("WORKER_AUTH_KEY", workerKey);
    PrintWriter out = spec.commandLine().getOut();
    out.println("# FlowChat reference workers (sample data) are running. In another shell:");
    exports.forEach((k, v) -> out.println("export " + k + "=" + v));
    out.println("# then: toolgate serve");
    out.flush();
    if (once) {
      workers.close();
      return ExitCodes.OK;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      workers.close();
      stopped.countDown();
    }, "toolgate-workers-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  /** A random key for this run: the workers and the gateway must share one, and no default is safe. */
  private static String orGenerated(String value) {
    if (value != null) {
      return value;
    }
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return "local-" + HexFormat.of().formatHex(bytes);
  }
}
