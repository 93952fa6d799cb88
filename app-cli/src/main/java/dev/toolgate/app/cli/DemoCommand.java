package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toolgate demo}: seed 001's support workflow, twice, with the audit trail it left. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    subcommands = FlowChatDemoCommand.class,
    description = {
      "Run the support-desk scenario twice; show the replay and the audit trail.",
      "",
      "On the embedded store:",
      "  scenario 1: find customer 'Acme' -> open a ticket (with an idempotency key) -> request a"
          + " status change (needs approval) -> a separate approver approves it -> post to #support;",
      "  scenario 2: the same calls with the same idempotency keys: the ticket and message are"
          + " replayed (idempotent_replay: true) and the status change returns its stored outcome;"
          + " nothing runs twice.",
      "Then prints this run's audit trail and verifies the whole audit chain. Two keys"
          + " (demo-agent, demo-approver) are issued for the run and revoked at its end; every id"
          + " carries a run id, so the demo can run again on the same data directory.",
      "Exits 0 only if every expectation held; otherwise 1, naming the failed ones on stderr.",
      "",
      "'toolgate demo flowchat' runs the FlowChat invoicing scenario against the reference workers instead."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    try (Session session = ToolgateCommand.of(spec).openSession()) {
      DemoRun.Report report =
          new DemoRun(session.toolgate(), session.runtime().supportDesk(), session.principal(), session.requestId())
              .run();
      Printer printer = session.printer();
      if (printer.table()) {
        printTables(printer, report);
      } else {
        printer.json(json(report));
      }
      return DemoOutcomes.exitCode(printer, report.expectations());
    }
  }

  private static ObjectNode json(DemoRun.Report report) {
    ObjectNode document = Json.object();
    document.put("run_id", report.runId());
    document.put("request_id", report.requestId());
    document.put("ok", report.ok());
    document.putObject("keys").put("agent", report.agentKeyId()).put("approver", report.approverKeyId());
    ArrayNode scenarios = document.putArray("scenarios");
    for (int scenario = 1; scenario <= 2; scenario++) {
      ObjectNode node = scenarios.addObject().put("scenario", scenario).put("title", title(scenario));
      ArrayNode steps = node.putArray("steps");
      for (DemoRun.Step step : stepsOf(report, scenario)) {
        step.writeTo(steps.addObject());
      }
    }
    document.put("tickets_for_run", report.ticketsForRun());
    ArrayNode trail = document.putArray("audit_trail");
    for (AuditRecord record : report.trail()) {
      AuditEntry e = record.entry();
      trail.addObject()
          .put("chain", record.chain())
          .put("seq", record.seq())
          .put("outcome", e.outcome())
          .put("code", e.code())
          .put("tool", e.tool())
          .put("key_id", e.keyId())
          .put("request_id", e.requestId());
    }
    document.set("audit_chain", JsonViews.verification(report.chain()));
    ArrayNode expectations = document.putArray("expectations");
    report.expectations().forEach(e -> expectations.addObject().put("expectation", e.description()).put("met", e.met()));
    return document;
  }

  private static void printTables(Printer printer, DemoRun.Report report) {
    printer.line(
        "Toolgate demo, run " + report.runId() + ": the support-desk scenario, twice (agent key "
            + report.agentKeyId() + ", approver key " + report.approverKeyId() + ")");
    for (int scenario = 1; scenario <= 2; scenario++) {
      printer.line("");
      printer.line("Scenario " + scenario + ": " + title(scenario));
      Table table = Table.of("#", "ACTION", "BY", "OUTCOME", "REPLAY", "DETAIL");
      int number = 1;
      for (DemoRun.Step step : stepsOf(report, scenario)) {
        table.row(number++, step.action(), step.actorKeyId(), step.code(), step.replay() ? "yes" : "no", step.detail());
      }
      printer.table(table);
    }
    printer.line("");
    printer.line("Tickets opened by this run: " + report.ticketsForRun());
    printer.line("");
    printer.line("Audit trail of this run (" + report.trail().size() + " records):");
    Table trail = Table.of("SEQ", "OUTCOME", "TOOL", "KEY");
    for (AuditRecord record : report.trail()) {
      trail.row(record.seq(), record.entry().outcome(), record.entry().tool(), record.entry().keyId());
    }
    printer.table(trail);
    printer.line("");
    printer.line(
        report.chain().valid()
            ? "Audit chain: valid (" + report.chain().checked() + " records checked)"
            : "Audit chain: BROKEN at seq " + report.chain().firstBadSeq() + ": " + report.chain().problem());
    printer.line("");
    printer.line("Expectations:");
    Table expectations = Table.of("RESULT", "EXPECTATION");
    report.expectations().forEach(e -> expectations.row(e.met() ? "ok" : "FAILED", e.description()));
    printer.table(expectations);
  }

  private static List<DemoRun.Step> stepsOf(DemoRun.Report report, int scenario) {
    return report.steps().stream().filter(s -> s.scenario() == scenario).toList();
  }

  private static String title(int scenario) {
    return scenario == 1
        ? "find customer, open ticket, request status change, approve, notify #support"
        : "the same calls with the same idempotency keys: stored outcomes, nothing runs twice";
  }
}
