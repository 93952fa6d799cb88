package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.cli.DemoRun.Step;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.ports.Json;
import dev.toolgate.workers.flowchat.ReferenceWorkers;
import dev.toolgate.workers.flowchat.ReferenceWorkersConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toolgate demo flowchat}: the FlowChat invoicing scenario, twice, against reference workers it starts. */
@Command(
    name = "flowchat",
    mixinStandardHelpOptions = true,
    description = {
      "Run the FlowChat invoicing scenario twice against the reference workers; show the replays.",
      "",
      "Starts the reference workers (sample data, in a temporary directory removed at the end) and an in-process"
          + " SMTP sink that accepts and counts mail, then calls the FlowChat tools through the gateway on the"
          + " embedded store:",
      "  scenario 1: search 'ACME' -> create an invoice -> a create with wrong VAT, refused (validation_failed)"
          + " -> render and store the PDF -> e-mail it (needs approval; a separate approver approves) -> mark it"
          + " paid (needs approval; approved) -> the monthly report;",
      "  scenario 2: the same calls with the same idempotency keys: stored outcomes, no second invoice,"
          + " e-mail or payment (the wrong-VAT create is refused again: it had no key).",
      "Two keys (demo-flowchat-agent, demo-flowchat-approver) are issued for the run and revoked at its end.",
      "Exits 0 only if every expectation held; otherwise 1, naming the failed ones on stderr."
    })
final class FlowChatDemoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--smtp-host", description = "Send the demo's mail to this SMTP server instead of the in-process sink.")
  private String smtpHost;

  @Option(names = "--smtp-port", description = "Port of --smtp-host (default 25).")
  private Integer smtpPort;

  @Override
  public Integer call() {
    ToolgateCommand top = ToolgateCommand.of(spec);
    Path dir = temporaryDirectory();
    try (DemoSmtpSink sink = smtpHost == null ? DemoSmtpSink.start() : null) {
      String workerKey = "demo-" + java.util.UUID.randomUUID();
      ReferenceWorkersConfig config = ReferenceWorkersConfig.defaults(dir)
          .withWorkerAuthKey(workerKey)
          .withSupabaseApiKey(workerKey)
          .withSmtp(sink != null ? "127.0.0.1" : smtpHost, sink != null ? sink.port() : smtpPort == null ? 25 : smtpPort,
              "factures@flowchat.example");
      try (ReferenceWorkers workers = ReferenceWorkers.start(config)) {
        Map<String, String> env = new HashMap<>(workers.settings());
        env.put("WORKER_AUTH_KEY", workerKey);
        env.put("SUPABASE_API_KEY", workerKey);
        try (Session session = top.openSession(env)) {
          FlowChatDemoRun.Report report =
              new FlowChatDemoRun(session.toolgate(), session.principal(), session.requestId(),
                  sink == null ? null : sink::accepted).run();
          Printer printer = session.printer();
          if (printer.table()) {
            printTables(printer, report);
          } else {
            printer.json(json(report));
          }
          return DemoOutcomes.exitCode(printer, report.expectations());
        }
      }
    } finally {
      delete(dir);
    }
  }

  private static ObjectNode json(FlowChatDemoRun.Report report) {
    ObjectNode document = Json.object();
    document.put("run_id", report.runId());
    document.put("request_id", report.requestId());
    document.put("ok", report.ok());
    document.putObject("keys").put("agent", report.agentKeyId()).put("approver", report.approverKeyId());
    ArrayNode scenarios = document.putArray("scenarios");
    for (int scenario = 1; scenario <= 2; scenario++) {
      ArrayNode steps = scenarios.addObject().put("scenario", scenario).putArray("steps");
      for (Step step : report.steps()) {
        if (step.scenario() != scenario) {
          continue;
        }
        step.writeTo(steps.addObject());
      }
    }
    if (report.emailsSent() >= 0) {
      document.put("emails_sent", report.emailsSent());
    }
    document.set("audit_chain", JsonViews.verification(report.chain()));
    ArrayNode expectations = document.putArray("expectations");
    report.expectations().forEach(e -> expectations.addObject().put("expectation", e.description()).put("met", e.met()));
    return document;
  }

  private static void printTables(Printer printer, FlowChatDemoRun.Report report) {
    printer.line("Toolgate demo flowchat, run " + report.runId() + ": the invoicing scenario, twice, against the"
        + " reference workers (sample data; agent key " + report.agentKeyId() + ", approver key "
        + report.approverKeyId() + ")");
    for (int scenario = 1; scenario <= 2; scenario++) {
      printer.line("");
      printer.line(scenario == 1
          ? "Scenario 1: search, invoice, a validation failure, PDF, e-mail and payment after approval, monthly report"
          : "Scenario 2: the same calls with the same idempotency keys: stored outcomes, nothing done twice");
      Table table = Table.of("#", "ACTION", "BY", "OUTCOME", "REPLAY", "DETAIL");
      int number = 1;
      for (Step step : report.steps()) {
        if (step.scenario() == scenario) {
          table.row(number++, step.action(), step.actorKeyId(), step.code(), step.replay() ? "yes" : "no", step.detail());
        }
      }
      printer.table(table);
    }
    printer.line("");
    if (report.emailsSent() >= 0) {
      printer.line("E-mails received by the demo's SMTP sink: " + report.emailsSent());
    }
    printer.line(report.chain().valid()
        ? "Audit chain: valid (" + report.chain().checked() + " records checked)"
        : "Audit chain: BROKEN at seq " + report.chain().firstBadSeq() + ": " + report.chain().problem());
    printer.line("");
    printer.line("Expectations:");
    Table expectations = Table.of("RESULT", "EXPECTATION");
    report.expectations().forEach(e -> expectations.row(e.met() ? "ok" : "FAILED", e.description()));
    printer.table(expectations);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("toolgate-flowchat-demo-");
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, "could not create a temporary directory for the workers: " + e.getMessage());
    }
  }

  /** Removes the workers' directory: its SQLite file, PDFs and reports were sample data for this run only. */
  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless; the OS cleans it
    }
  }
}
