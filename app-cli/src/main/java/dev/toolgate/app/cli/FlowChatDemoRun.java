package dev.toolgate.app.cli;

import static dev.toolgate.app.cli.DemoOutcomes.isFresh;
import static dev.toolgate.app.cli.DemoOutcomes.isReplay;
import static dev.toolgate.app.cli.DemoOutcomes.resultOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.cli.DemoRun.Expectation;
import dev.toolgate.app.cli.DemoRun.Step;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The FlowChat invoicing scenario, run twice through the gateway against the reference workers:
 * search a company, create an invoice, show a validation failure (totals that do not add up), render
 * and e-mail the PDF, mark the invoice paid after an approver's approval, and the monthly report.
 * The second run repeats the calls with the same idempotency keys and must get every stored outcome
 * back: no second invoice, PDF, e-mail, payment or report.
 *
 * <p>Idempotency keys and request ids carry the run id, so the demo can run again on the same store.
 */
final class FlowChatDemoRun {
  static final String SEARCH = "search_entreprise_with_stats";
  static final String CREATE = "create_facture";
  static final String PDF = "generate_facture_pdf";
  static final String EMAIL = "send_facture_email";
  static final String PAID = "mark_facture_paid";
  static final String REPORT = "generate_monthly_report";
  static final String RECIPIENT = "compta@acme.example";

  /** Everything a run did and found, for printing. */
  record Report(
      String runId,
      String requestId,
      String agentKeyId,
      String approverKeyId,
      List<Step> steps,
      int emailsSent, // -1 when not counted
      ChainVerification chain,
      List<Expectation> expectations) {
    boolean ok() {
      return expectations.stream().allMatch(Expectation::met);
    }
  }

  private final Toolgate gate;
  private final Principal admin;
  private final String requestId;
  private final String runId;
  private final IntSupplier emailsSent;
  private final List<Step> steps = new ArrayList<>();
  private final List<Expectation> expectations = new ArrayList<>();

  /**
   * {@code emailsSent} counts the messages the SMTP server behind the email worker received, or is
   * null when that server is someone else's and cannot be asked (the count is then not checked).
   */
  FlowChatDemoRun(Toolgate gate, Principal admin, String requestId, IntSupplier emailsSent) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.emailsSent = emailsSent;
    this.runId = requestId.replaceFirst("^cli-", "").substring(0, 8);
  }

  Report run() {
    IssuedKey agentKey = gate.keys().create(admin, NewKey.of("demo-flowchat-agent", Set.of(Role.AGENT)), requestId);
    IssuedKey approverKey = gate.keys().create(admin, NewKey.of("demo-flowchat-approver", Set.of(Role.APPROVER)), requestId);
    try {
      Principal agent = authenticate(agentKey);
      Principal approver = authenticate(approverKey);
      List<ToolOutcome> first = scenario(1, agent, approver);
      List<ToolOutcome> second = scenario(2, agent, approver);
      compare(first, second);
    } finally {
      // The secrets existed only in this process; keys nobody can present are better revoked.
      gate.keys().revoke(admin, agentKey.key().id(), requestId);
      gate.keys().revoke(admin, approverKey.key().id(), requestId);
    }
    List<Approval> approvals =
        gate.approvals().list(admin, null, 1000).stream().filter(a -> a.requestId().startsWith(requestId)).toList();
    expect("exactly two approvals were requested in this run (e-mail, payment), both approved",
        approvals.size() == 2 && approvals.stream().allMatch(a -> a.status() == ApprovalStatus.APPROVED));
    int sent = emailsSent == null ? -1 : emailsSent.getAsInt();
    if (emailsSent != null) {
      expect("exactly two e-mails reached the SMTP server (the invoice and the report), not four", sent == 2);
    }
    ChainVerification chain = gate.audit().verify(admin);
    expect("the audit chain verifies from the first record to the last", chain.valid());
    return new Report(runId, requestId, agentKey.key().id(), approverKey.key().id(), List.copyOf(steps), sent, chain,
        List.copyOf(expectations));
  }

  /** One pass; returns the outcomes of the invoice, PDF, e-mail, payment and report calls (null when not made). */
  private List<ToolOutcome> scenario(int n, Principal agent, Principal approver) {
    List<ToolOutcome> outcomes = new ArrayList<>();
    ToolOutcome found = call(n, agent, SEARCH, Json.object().put("search_term", "ACME"), null);
    String companyId = found.isSuccess() ? companyId(resultOf(found)) : null;
    if (!expect("scenario " + n + " finds the company 'ACME'", companyId != null)) {
      return outcomes;
    }
    ObjectNode invoice = Json.object().put("entreprise_id", companyId);
    invoice.putArray("lignes").addObject()
        .put("description", "Vérification annuelle des extincteurs (demo run " + runId + ")")
        .put("quantite", 2)
        .put("prix_unitaire_ht", 45);
    ToolOutcome created = call(n, agent, CREATE, invoice, key("facture"));
    outcomes.add(created);
    String factureId = created.isSuccess() ? resultOf(created).path("id").asText(null) : null;
    if (!expect("scenario " + n + " creates the invoice" + (n == 1 ? "" : " (replayed)"),
        factureId != null && (n == 1 ? isFresh(created) : isReplay(created)))) {
      return outcomes;
    }

    // 90 HT at 20 % is 18 of VAT; 21 is wrong, and the database worker must say so.
    ObjectNode bad = Json.object().put("entreprise_id", companyId).put("montant", 90).put("montant_tva", 21);
    ToolOutcome refused = call(n, agent, CREATE, bad, null);
    expect("scenario " + n + " shows the bad totals refused as validation_failed, naming montant_tva",
        "validation_failed".equals(refused.code()) && refused.details().toString().contains("montant_tva"));

    ToolOutcome pdf = call(n, agent, PDF, Json.object().put("facture_id", factureId), key("pdf"));
    outcomes.add(pdf);
    expect("scenario " + n + " renders and stores the PDF" + (n == 1 ? "" : " (replayed, same URL)"),
        pdf.isSuccess() && !resultOf(pdf).path("pdf_url").asText().isEmpty() && (n == 1 ? isFresh(pdf) : isReplay(pdf)));

    ObjectNode mail = Json.object().put("facture_id", factureId).put("destinataire", RECIPIENT)
        .put("message", "Veuillez trouver ci-joint votre facture (demo run " + runId + ").");
    outcomes.add(approved(n, agent, approver, EMAIL, mail, key("email")));

    double total = resultOf(created).path("montant_ttc").asDouble();
    ObjectNode paid = Json.object().put("facture_id", factureId).put("montant", total)
        .put("mode_paiement", "virement").put("reference", "VIR-" + runId);
    ToolOutcome payment = approved(n, agent, approver, PAID, paid, key("paid"));
    outcomes.add(payment);
    expect("scenario " + n + " leaves the invoice paid",
        payment != null && payment.isSuccess() && "payee".equals(resultOf(payment).path("statut").asText()));

    ToolOutcome report = call(n, agent, REPORT, Json.object().put("destinataire", "direction@acme.example"), key("report"));
    outcomes.add(report);
    expect("scenario " + n + " produces the monthly report" + (n == 1 ? "" : " (replayed)"),
        n == 1 ? isFresh(report) : isReplay(report));
    return outcomes;
  }

  /**
   * A call that needs approval: the first time the agent's call waits and the approver approves it,
   * which runs it; the second time the same idempotency key returns the stored outcome.
   */
  private ToolOutcome approved(int n, Principal agent, Principal approver, String tool, ObjectNode args, String key) {
    ToolOutcome outcome = call(n, agent, tool, args, key);
    if (n == 2) {
      expect("scenario 2 gets the stored outcome of " + tool + ", not a second run", isReplay(outcome));
      return outcome;
    }
    if (!expect("scenario 1's " + tool + " waits for approval", outcome.kind() == ToolOutcome.Kind.APPROVAL_REQUIRED)) {
      return outcome;
    }
    DecisionOutcome decision = decide(approver, tool, ((ToolOutcome.ApprovalRequired) outcome).approvalId());
    ToolOutcome execution =
        decision.kind() == DecisionOutcome.Kind.APPROVED ? ((DecisionOutcome.Approved) decision).execution() : null;
    expect("the approver's approval runs " + tool, execution != null && execution.isSuccess());
    return execution;
  }

  private static final List<String> OUTCOME_NAMES = List.of(CREATE, PDF, EMAIL, PAID, REPORT, "?", "?", "?", "?", "?");

  /**
   * Numbers equal by value: a stored result read back may spell 90 as {@code 90.0} where the
   * fresh one said {@code 9E+1}; that is the same amount, not a second run.
   */
  private static final Comparator<JsonNode> SAME_NUMBER = (x, y) -> {
    if (x.isNumber() && y.isNumber()) {
      return x.decimalValue().compareTo(y.decimalValue());
    }
    return x.equals(y) ? 0 : 1;
  };

  /** The second pass must have returned exactly what the first stored. */
  private void compare(List<ToolOutcome> first, List<ToolOutcome> second) {
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
      ToolOutcome a = i < first.size() ? first.get(i) : null;
      ToolOutcome b = i < second.size() ? second.get(i) : null;
      if (a == null || b == null || !a.isSuccess() || !b.isSuccess()
          || !resultOf(a).equals(SAME_NUMBER, resultOf(b))) {
        differ.add(OUTCOME_NAMES.get(i));
      }
    }
    expect("scenario 2's invoice, PDF, e-mail, payment and report results equal scenario 1's"
        + (differ.isEmpty() ? "" : " (differ: " + differ + ")"), differ.isEmpty() && first.size() == 5);
  }

  private ToolOutcome call(int scenario, Principal caller, String tool, ObjectNode arguments, String idempotencyKey) {
    String stepRequestId = requestId + "-s" + scenario + "-" + tool + (idempotencyKey == null ? "-nokey" : "");
    ToolOutcome outcome = gate.calls().call(new CallToolCommand(caller, tool, arguments, idempotencyKey, stepRequestId));
    steps.add(new Step(scenario, tool, caller.keyId(), stepRequestId, idempotencyKey, arguments, outcome.code(),
        outcome.details().path("idempotent_replay").asBoolean(false), DemoText.detail(outcome),
        JsonViews.toolCall(outcome).put("request_id", stepRequestId)));
    return outcome;
  }

  private DecisionOutcome decide(Principal approver, String tool, String approvalId) {
    String stepRequestId = requestId + "-s1-approve-" + tool;
    String reason = "Checked by accounting (demo run " + runId + ")";
    DecisionOutcome outcome =
        gate.approvals().decide(new DecideCommand(approver, approvalId, Decision.APPROVE, reason, stepRequestId));
    ObjectNode response = Json.object().put("decision", outcome.code()).put("approval_id", approvalId);
    if (outcome.kind() == DecisionOutcome.Kind.APPROVED) {
      response.set("execution", JsonViews.toolCall(((DecisionOutcome.Approved) outcome).execution()));
    }
    steps.add(new Step(1, "approve " + tool, approver.keyId(), stepRequestId, null,
        Json.object().put("approval_id", approvalId).put("reason", reason), outcome.code(), false,
        DemoText.detail(outcome), response.put("request_id", stepRequestId)));
    return outcome;
  }

  /** The id of the first company in a search result whose name mentions ACME. */
  private static String companyId(JsonNode result) {
    for (JsonNode company : result.findParents("nom")) {
      if (company.path("nom").asText().contains("ACME") && company.hasNonNull("id")) {
        return company.path("id").asText();
      }
    }
    return null;
  }

  private Principal authenticate(IssuedKey key) {
    return gate.keys().authenticate(key.secret())
        .orElseThrow(() -> new IllegalStateException("the demo key " + key.key().id() + " just issued does not authenticate"));
  }

  private String key(String purpose) {
    return "demo-flowchat-" + runId + "-" + purpose;
  }

  private boolean expect(String description, boolean met) {
    expectations.add(new Expectation(description, met));
    return met;
  }
}
