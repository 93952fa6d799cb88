package dev.toolgate.app.cli;

import static dev.toolgate.app.cli.DemoOutcomes.isFresh;
import static dev.toolgate.app.cli.DemoOutcomes.isReplay;
import static dev.toolgate.app.cli.DemoOutcomes.resultOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.support.SupportDesk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Seed 001's support workflow, run twice over the embedded store by two keys issued for the run:
 * scenario 1 finds the customer, opens a ticket, requests a status change that an approver then
 * approves, and posts to {@code #support}; scenario 2 repeats the calls with the same idempotency
 * keys and must get the stored outcomes back without a second ticket, approval or execution.
 *
 * <p>Idempotency keys, ticket subjects and request ids carry the run id, so that the demo can run
 * again on the same store and still check its own results.
 */
final class DemoRun {
  static final String CHANNEL = "#support";
  static final String SEARCH = "search_customer";
  static final String CREATE_TICKET = "create_ticket";
  static final String UPDATE_STATUS = "update_customer_status";
  static final String SEND_MESSAGE = "send_message";

  /** One call or decision as the demo made it. */
  record Step(
      int scenario,
      String action,
      String actorKeyId,
      String requestId,
      String idempotencyKey,
      JsonNode arguments,
      String code,
      boolean replay,
      String detail,
      ObjectNode response) {
    /** Writes this step into {@code node}, as the demos' JSON report shows it. */
    void writeTo(ObjectNode node) {
      node.put("action", action);
      node.put("actor_key_id", actorKeyId);
      node.put("request_id", requestId);
      node.put("idempotency_key", idempotencyKey);
      node.set("arguments", arguments);
      node.put("code", code);
      node.put("idempotent_replay", replay);
      node.put("detail", detail);
      node.set("response", response);
    }
  }

  /** Something the demo promises; the demo exits 0 only if every one is met. */
  record Expectation(String description, boolean met) {}

  /** Everything a run did and found, for printing. */
  record Report(
      String runId,
      String requestId,
      String agentKeyId,
      String approverKeyId,
      List<Step> steps,
      long ticketsForRun,
      List<AuditRecord> trail,
      ChainVerification chain,
      List<Expectation> expectations) {
    boolean ok() {
      return expectations.stream().allMatch(Expectation::met);
    }
  }

  private final Toolgate gate;
  private final SupportDesk desk;
  private final Principal admin;
  private final String requestId;
  private final String runId;
  private final List<Step> steps = new ArrayList<>();
  private final List<Expectation> expectations = new ArrayList<>();

  DemoRun(Toolgate gate, SupportDesk desk, Principal admin, String requestId) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.desk = Objects.requireNonNull(desk, "desk");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.runId = requestId.replaceFirst("^cli-", "").substring(0, 8);
  }

  Report run() {
    // A second early: the gateway stamps records with its own clock read; the request ids pick this run's.
    Instant started = Instant.now().minusSeconds(1);
    IssuedKey agentKey = gate.keys().create(admin, NewKey.of("demo-agent", Set.of(Role.AGENT)), requestId);
    IssuedKey approverKey = gate.keys().create(admin, NewKey.of("demo-approver", Set.of(Role.APPROVER)), requestId);
    long tickets;
    try {
      tickets = scenarios(authenticate(agentKey), authenticate(approverKey));
    } finally {
      // The secrets existed only in this process; keys nobody can present are better revoked.
      gate.keys().revoke(admin, agentKey.key().id(), requestId);
      gate.keys().revoke(admin, approverKey.key().id(), requestId);
    }
    List<AuditRecord> trail = trail(started);
    ChainVerification chain = gate.audit().verify(admin);
    expect("the audit chain verifies from the first record to the last", chain.valid());
    return new Report(
        runId,
        requestId,
        agentKey.key().id(),
        approverKey.key().id(),
        List.copyOf(steps),
        tickets,
        trail,
        chain,
        List.copyOf(expectations));
  }

  /** Runs both scenarios and returns how many tickets this run opened. */
  private long scenarios(Principal agent, Principal approver) {
    ToolOutcome found = call(1, agent, SEARCH, Json.object().put("query", "Acme"), null);
    JsonNode customer = found.isSuccess() ? resultOf(found).path("customers").path(0) : null;
    if (!expect("scenario 1 finds the customer 'Acme'", customer != null && customer.isObject())) {
      return 0;
    }
    String customerId = customer.path("id").asText();
    String newStatus = "at_risk".equals(customer.path("status").asText()) ? "active" : "at_risk";

    ObjectNode ticketArgs =
        Json.object()
            .put("customer_id", customerId)
            .put("subject", "Invoices cannot be exported (demo run " + runId + ")")
            .put("description", "Export to PDF fails since this morning; the customer needs it for month-end closing.")
            .put("priority", "high");
    ToolOutcome ticket = call(1, agent, CREATE_TICKET, ticketArgs, idempotencyKey("ticket"));
    String ticketId = ticket.isSuccess() ? resultOf(ticket).path("ticket").path("id").asText(null) : null;
    expect("scenario 1 opens a new ticket", isFresh(ticket) && ticketId != null);

    ObjectNode statusArgs =
        Json.object()
            .put("customer_id", customerId)
            .put("status", newStatus)
            .put("reason", "Repeated export failures before month-end (demo run " + runId + ")");
    ToolOutcome requested = call(1, agent, UPDATE_STATUS, statusArgs, idempotencyKey("status"));
    JsonNode executed = null;
    if (expect(
        "scenario 1's status change waits for approval", requested.kind() == ToolOutcome.Kind.APPROVAL_REQUIRED)) {
      DecisionOutcome decision = decide(approver, ((ToolOutcome.ApprovalRequired) requested).approvalId());
      ToolOutcome execution =
          decision.kind() == DecisionOutcome.Kind.APPROVED ? ((DecisionOutcome.Approved) decision).execution() : null;
      executed = execution != null && execution.isSuccess() ? resultOf(execution) : null;
      expect("the approver's approval runs the status change", executed != null);
    }

    ObjectNode messageArgs =
        Json.object()
            .put("channel", CHANNEL)
            .put(
                "text",
                "Ticket " + ticketId + " opened for " + customer.path("company").asText()
                    + "; status change to " + newStatus + " approved (demo run " + runId + ").");
    expect(
        "scenario 1 posts the message to " + CHANNEL,
        isFresh(call(1, agent, SEND_MESSAGE, messageArgs, idempotencyKey("message"))));

    call(2, agent, SEARCH, Json.object().put("query", "Acme"), null);
    ToolOutcome ticketAgain = call(2, agent, CREATE_TICKET, ticketArgs, idempotencyKey("ticket"));
    expect(
        "scenario 2 replays the ticket (idempotent_replay: true, same ticket id)",
        isReplay(ticketAgain)
            && ticketId != null
            && ticketId.equals(resultOf(ticketAgain).path("ticket").path("id").asText()));
    ToolOutcome statusAgain = call(2, agent, UPDATE_STATUS, statusArgs, idempotencyKey("status"));
    // The stored result still names the status before the change: had the call run again, it
    // would name the new one.
    expect(
        "scenario 2 gets the stored outcome of the approved status change, not a second run",
        isReplay(statusAgain) && executed != null && executed.equals(resultOf(statusAgain)));
    expect(
        "scenario 2 replays the message instead of posting it again",
        isReplay(call(2, agent, SEND_MESSAGE, messageArgs, idempotencyKey("message"))));

    long tickets =
        desk.listTickets(customerId, 1000).stream().filter(t -> t.subject().contains(runId)).count();
    expect("exactly one ticket exists for this run", tickets == 1);
    List<Approval> approvals =
        gate.approvals().list(admin, null, 1000).stream().filter(a -> a.requestId().startsWith(requestId)).toList();
    expect(
        "exactly one approval was requested in this run, and it was approved",
        approvals.size() == 1 && approvals.get(0).status() == ApprovalStatus.APPROVED);
    return tickets;
  }

  private ToolOutcome call(int scenario, Principal caller, String tool, ObjectNode arguments, String idempotencyKey) {
    String stepRequestId = stepRequestId(scenario, tool);
    ToolOutcome outcome =
        gate.calls().call(new CallToolCommand(caller, tool, arguments, idempotencyKey, stepRequestId));
    boolean replay = outcome.details().path("idempotent_replay").asBoolean(false);
    steps.add(
        new Step(
            scenario,
            tool,
            caller.keyId(),
            stepRequestId,
            idempotencyKey,
            arguments,
            outcome.code(),
            replay,
            DemoText.detail(outcome),
            JsonViews.toolCall(outcome).put("request_id", stepRequestId)));
    return outcome;
  }

  private DecisionOutcome decide(Principal approver, String approvalId) {
    String stepRequestId = stepRequestId(1, "approve");
    String reason = "Checked with the account manager (demo run " + runId + ")";
    DecisionOutcome outcome =
        gate.approvals().decide(new DecideCommand(approver, approvalId, Decision.APPROVE, reason, stepRequestId));
    ObjectNode response = Json.object().put("decision", outcome.code()).put("approval_id", approvalId);
    if (outcome.kind() == DecisionOutcome.Kind.APPROVED) {
      ToolOutcome execution = ((DecisionOutcome.Approved) outcome).execution();
      response.set("execution", JsonViews.toolCall(execution).put("request_id", stepRequestId));
    }
    response.put("request_id", stepRequestId);
    steps.add(
        new Step(
            1,
            "approve",
            approver.keyId(),
            stepRequestId,
            null,
            Json.object().put("approval_id", approvalId).put("reason", reason),
            outcome.code(),
            false,
            DemoText.detail(outcome),
            response));
    return outcome;
  }

  /**
   * The audit records written by this run's requests, in log order. Found by time, not seq: on a
   * store with a chain per process (Firestore), this run's records are a chain of their own.
   */
  private List<AuditRecord> trail(Instant started) {
    List<AuditRecord> trail = new ArrayList<>();
    gate.audit()
        .export(
            admin,
            new AuditQuery(null, null, null, null, null, started, null, 1000, false),
            record -> {
              if (record.entry().requestId().startsWith(requestId)) {
                trail.add(record);
              }
            });
    return trail;
  }

  private Principal authenticate(IssuedKey key) {
    return gate.keys()
        .authenticate(key.secret())
        .orElseThrow(() -> new IllegalStateException("the demo key " + key.key().id() + " just issued does not authenticate"));
  }

  private String stepRequestId(int scenario, String action) {
    return requestId + "-s" + scenario + "-" + action;
  }

  private String idempotencyKey(String purpose) {
    return "demo-" + runId + "-" + purpose;
  }

  private boolean expect(String description, boolean met) {
    expectations.add(new Expectation(description, met));
    return met;
  }
}
