package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolgate approvals}: the calls that wait for a person, and the decisions on them. */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description = "List, show, approve and reject approvals (human-in-the-loop).",
    subcommands = {
      ApprovalsCommand.ListApprovals.class,
      ApprovalsCommand.Show.class,
      ApprovalsCommand.Approve.class,
      ApprovalsCommand.Reject.class
    })
final class ApprovalsCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Which approvals {@code list} shows; {@code all} means no filter. */
  enum StatusFilter {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    ALL;

    ApprovalStatus status() {
      return this == ALL ? null : ApprovalStatus.valueOf(name());
    }
  }

  /** {@code approvals list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List approvals, newest first.")
  static final class ListApprovals implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        defaultValue = "pending",
        description = "pending (default), approved, rejected, expired or all.")
    private StatusFilter status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N approvals (default 50).")
    private int limit;

    @Override
    public Integer call() {
      if (limit < 1 || limit > 1000) {
        throw new ParameterException(spec.commandLine(), "--limit must be 1-1000, got " + limit);
      }
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        List<Approval> approvals = session.toolgate().approvals().list(session.principal(), status.status(), limit);
        Printer printer = session.printer();
        if (printer.table()) {
          Table table = Table.of("ID", "STATUS", "TOOL", "REQUESTER", "CREATED", "EXPIRES", "DECIDED BY");
          approvals.forEach(
              a ->
                  table.row(
                      a.id(),
                      a.statusAt(Instant.now()).wireName(),
                      a.tool(),
                      a.requesterKeyId(),
                      a.createdAt(),
                      a.expiresAt(),
                      a.decidedBy()));
          printer.table(table);
        } else {
          ObjectNode document = Json.object();
          ArrayNode array = document.putArray("approvals");
          approvals.forEach(a -> array.add(view(session, a)));
          document.put("total", approvals.size());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code approvals show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one approval, with its outcome once it ran.")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The approval id.")
    private String id;

    @Override
    public Integer call() {
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        Approval approval =
            session
                .toolgate()
                .approvals()
                .find(session.principal(), id)
                .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "no approval '" + id + "' that you may see"));
        Printer printer = session.printer();
        ObjectNode view = view(session, approval);
        if (printer.table()) {
          printer.table(describe(approval));
          printer.line("Arguments:");
          printer.line(Printer.pretty(view.get("arguments")));
          if (approval.outcome() != null) {
            printer.line("Outcome:");
            printer.line(Printer.pretty(approval.outcome()));
          }
        } else {
          printer.json(view);
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code approvals approve ID}: runs the bound call exactly once. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve a pending call; it runs once, now, and its outcome is stored.")
  static final class Approve implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The approval id.")
    private String id;

    @Option(names = "--reason", paramLabel = "R", description = "Why (kept in the approval and the audit trail).")
    private String reason;

    @Override
    public Integer call() {
      return decide(spec, id, Decision.APPROVE, reason);
    }
  }

  /** {@code approvals reject ID --reason R}: the call will never run. */
  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending call; it never runs.")
  static final class Reject implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The approval id.")
    private String id;

    @Option(names = "--reason", paramLabel = "R", required = true, description = "Why (shown to the requester).")
    private String reason;

    @Override
    public Integer call() {
      return decide(spec, id, Decision.REJECT, reason);
    }
  }

  private static int decide(CommandSpec spec, String id, Decision decision, String reason) {
    try (Session session = ToolgateCommand.of(spec).openSession()) {
      DecisionOutcome outcome =
          session
              .toolgate()
              .approvals()
              .decide(new DecideCommand(session.principal(), id, decision, reason, session.requestId()));
      print(session, outcome);
      return ExitCodes.of(outcome);
    }
  }

  /** An approval as REST shows it (core has masked its sensitive arguments). */
  private static ObjectNode view(Session session, Approval approval) {
    return JsonViews.approval(approval, Instant.now());
  }

  private static void print(Session session, DecisionOutcome outcome) {
    Printer printer = session.printer();
    ObjectNode body = decisionJson(session, outcome);
    boolean decided = outcome.kind() == DecisionOutcome.Kind.APPROVED || outcome.kind() == DecisionOutcome.Kind.REJECTED;
    ToolOutcome execution =
        outcome.kind() == DecisionOutcome.Kind.APPROVED ? ((DecisionOutcome.Approved) outcome).execution() : null;
    if (!printer.table()) {
      printer.json(body);
    } else if (decided) {
      printer.table(describe(outcome.approval()));
      if (execution != null) {
        printer.line("Execution:");
        printer.line(
            execution.isSuccess()
                ? Printer.pretty(body.path("execution").path("result"))
                : execution.code() + ": " + execution.message());
      }
    }
    if (execution != null && !execution.isSuccess()) {
      printer.note("toolgate: approved, but the call failed: " + execution.message());
    } else if (!decided) {
      printer.note("toolgate: " + outcome.code() + ": " + outcome.message());
    }
  }

  /**
   * The body {@code POST /confirm/{id}} answers with, plus the request id, also in the execution
   * (the call's own reply) of an approved call.
   */
  private static ObjectNode decisionJson(Session session, DecisionOutcome outcome) {
    ObjectNode body = JsonViews.decision(outcome, approval -> view(session, approval));
    if (body.get("execution") instanceof ObjectNode execution) {
      execution.put("request_id", session.requestId());
    }
    body.put("request_id", session.requestId());
    return body;
  }

  private static Table describe(Approval a) {
    return Table.of("ID", "STATUS", "TOOL", "REQUESTER", "EXPIRES", "DECIDED BY", "REASON")
        .row(
            a.id(),
            a.statusAt(Instant.now()).wireName(),
            a.tool(),
            a.requesterKeyId(),
            a.expiresAt(),
            a.decidedBy(),
            a.reason());
  }
}
