package dev.toolgate.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.approval.ApprovalsUseCase;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.audit.OutcomeAudit;
import dev.toolgate.core.audit.Redaction;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.ToolRegistry;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approvals use case: listing, polling and deciding approvals (the pipeline's step that parks
 * calls is {@link ApprovalGate}). The store's atomic {@code decide} is what makes an approved call run
 * exactly once: only the one caller it answers goes on to execute.
 */
public final class ApprovalService implements ApprovalsUseCase {
  private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

  /** Roles that see every approval in their client scope, not just their own requests. */
  private static final Set<Role> OVERSEERS = Set.of(Role.APPROVER, Role.OPERATOR);

  /** How many approvals a filtered listing looks through to fill a page. */
  private static final int SCAN_LIMIT = 10_000;

  private final ApprovalStore store;
  private final ApprovedRun run;
  private final ToolRegistry registry;
  private final AuditLog audit;
  private final GatewayConfig config;
  private final Clock clock;
  private final List<DecisionListener> listeners = new CopyOnWriteArrayList<>();

  public ApprovalService(
      ApprovalStore store,
      ApprovedRun run,
      ToolRegistry registry,
      AuditLog audit,
      GatewayConfig config,
      Clock clock) {
    this.store = store;
    this.run = run;
    this.registry = registry;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public List<Approval> list(Principal principal, ApprovalStatus status, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Instant now = clock.instant();
    boolean unfiltered = principal.hasAnyRole(OVERSEERS) && principal.clientKey() == null;
    return store.list(status, now, unfiltered ? limit : SCAN_LIMIT).stream()
        .filter(approval -> visible(principal, approval))
        .limit(limit)
        .map(approval -> view(approval, now))
        .toList();
  }

  @Override
  public Optional<Approval> find(Principal principal, String approvalId) {
    return store
        .find(approvalId)
        .filter(approval -> visible(principal, approval))
        .map(approval -> view(approval, clock.instant()));
  }

  @Override
  public DecisionOutcome decide(DecideCommand command) {
    Instant started = clock.instant();
    DecisionOutcome outcome;
    try {
      outcome = decideChecked(command);
    } catch (RuntimeException e) {
      auditDecision(command, started, null, "error", "internal_error", Json.object());
      throw e;
    }
    Approval approval = outcome.approval();
    ObjectNode details = Json.object();
    String word = outcome.code();
    String code = outcome.code();
    switch (outcome.kind()) {
      case APPROVED -> {
        ToolOutcome execution = ((DecisionOutcome.Approved) outcome).execution();
        word = "approved";
        code = OutcomeAudit.code(execution);
        details.put("execution", OutcomeAudit.word(execution));
        details.setAll(execution.details());
      }
      case REJECTED -> {
        word = "rejected";
        code = null;
      }
      case FORBIDDEN -> details.put("reason", ((DecisionOutcome.Forbidden) outcome).reason());
      case NOT_FOUND, ALREADY_DECIDED, EXPIRED, STALE, UNAVAILABLE -> {}
    }
    if (approval != null && command.reason() != null) {
      details.put("decision_reason", command.reason());
    }
    try {
      auditDecision(command, started, approval, word, code, details);
    } catch (RuntimeException e) {
      log.warn("could not audit the decision on approval {} (request {}); answering unavailable",
          command.approvalId(), command.requestId(), e);
      return shown(new DecisionOutcome.Unavailable(command.approvalId(), approval));
    }
    if (outcome.kind() == DecisionOutcome.Kind.APPROVED || outcome.kind() == DecisionOutcome.Kind.REJECTED
        || outcome.kind() == DecisionOutcome.Kind.ALREADY_DECIDED) {
      // A repeat is told too: a listener that missed the first telling (its audit failed) catches up.
      tellListeners(outcome);
    }
    return shown(outcome);
  }

  /** Adds a listener told of every approval approved or rejected from now on, and of each repeated decision. */
  public void addDecisionListener(DecisionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void tellListeners(DecisionOutcome outcome) {
    for (DecisionListener listener : listeners) {
      try {
        listener.decided(outcome);
      } catch (RuntimeException e) {
        // The decision is stored and audited; what a listener does with it must not undo that.
        log.warn("a decision listener failed for approval {}", outcome.approval().id(), e);
      }
    }
  }

  private DecisionOutcome decideChecked(DecideCommand command) {
    Principal approver = command.approver();
    String id = command.approvalId();
    if (!approver.hasAnyRole(Set.of(Role.APPROVER))) {
      return new DecisionOutcome.Forbidden(
          id, "not_an_approver", "deciding approvals needs the approver role");
    }
    Optional<Approval> found = store.find(id);
    if (found.isEmpty()) {
      return new DecisionOutcome.NotFound(id);
    }
    Approval approval = found.get();
    if (approver.clientKey() != null && !approver.clientKey().equals(approval.clientKey())) {
      return new DecisionOutcome.Forbidden(
          id, "client_scope", "approval " + id + " belongs to another client");
    }
    if (!config.selfApproval() && approval.requesterKeyId().equals(approver.keyId())) {
      return new DecisionOutcome.Forbidden(
          id, "self_approval", "the principal that requested a call may not decide its approval");
    }
    Instant now = clock.instant();
    ApprovalStatus status = approval.statusAt(now);
    if (status == ApprovalStatus.EXPIRED) {
      return new DecisionOutcome.Expired(effective(approval, now));
    }
    if (status != ApprovalStatus.PENDING) {
      if (run.cutOff(approval, now)) {
        // Its run was cut off: the decision stands, and deciding again recovers the run (at most once).
        ToolOutcome recovered = run.run(approval, command.requestId());
        log.info("approval {}: cut-off run recovered by request {}: {}", id, command.requestId(), recovered.code());
        return new DecisionOutcome.AlreadyDecided(store.find(id).orElse(approval));
      }
      return new DecisionOutcome.AlreadyDecided(approval);
    }
    if (!approval.policyVersion().equals(config.policyVersion())) {
      return new DecisionOutcome.Stale(approval);
    }
    ApprovalStatus decision =
        command.decision() == Decision.APPROVE ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
    Optional<Approval> decided = store.decide(id, decision, approver.keyId(), command.reason(), now);
    if (decided.isEmpty()) {
      Approval current = store.find(id).orElse(approval);
      return current.statusAt(now) == ApprovalStatus.EXPIRED
          ? new DecisionOutcome.Expired(effective(current, now))
          : new DecisionOutcome.AlreadyDecided(current);
    }
    log.info("approval {} {} by key {}", id, decision.wireName(), approver.keyId());
    if (decision == ApprovalStatus.REJECTED) {
      return new DecisionOutcome.Rejected(decided.get());
    }
    ToolOutcome execution = run.run(decided.get(), command.requestId());
    return new DecisionOutcome.Approved(store.find(id).orElse(decided.get()), execution);
  }

  private void auditDecision(
      DecideCommand command, Instant started, Approval approval, String word, String code, ObjectNode details) {
    Principal approver = command.approver();
    details.put("approval_id", command.approvalId());
    details.put("decision", command.decision().name().toLowerCase(Locale.ROOT));
    JsonNode arguments = null;
    if (approval != null) {
      details.put("requester_key_id", approval.requesterKeyId());
      arguments = Redaction.redact(approval.arguments(), sensitiveArguments(approval.tool()));
    }
    long latency = Math.max(0, Duration.between(started, clock.instant()).toMillis());
    audit.append(
        new AuditEntry(
            started,
            command.requestId(),
            approver.keyId(),
            approval != null ? approval.clientKey() : approver.clientKey(),
            approval != null ? approval.tool() : null,
            arguments,
            word,
            code,
            latency,
            details));
  }

  private static boolean visible(Principal principal, Approval approval) {
    if (principal.hasAnyRole(OVERSEERS)) {
      return principal.clientKey() == null || principal.clientKey().equals(approval.clientKey());
    }
    return approval.requesterKeyId().equals(principal.keyId());
  }

  /** The approval as it stands at {@code now}: a pending one past its expiry reads EXPIRED. */
  private static Approval effective(Approval a, Instant now) {
    ApprovalStatus status = a.statusAt(now);
    if (status == a.status()) {
      return a;
    }
    return new Approval(
        a.id(), a.requesterKeyId(), a.clientKey(), a.tool(), a.arguments(), a.fingerprint(),
        a.policyVersion(), a.idempotencyKey(), a.requestId(), status, a.createdAt(), a.expiresAt(),
        a.decidedBy(), a.decidedAt(), a.reason(), a.outcome());
  }

  /**
   * The approval as callers see it: its effective status, and its arguments with the values the tool
   * declares sensitive (and anything that looks like a credential) masked. An approver must see what
   * they approve, but never a secret.
   */
  private Approval view(Approval a, Instant now) {
    Approval e = effective(a, now);
    return new Approval(
        e.id(), e.requesterKeyId(), e.clientKey(), e.tool(), Redaction.redact(e.arguments(), sensitiveArguments(e.tool())),
        e.fingerprint(), e.policyVersion(), e.idempotencyKey(), e.requestId(), e.status(), e.createdAt(),
        e.expiresAt(), e.decidedBy(), e.decidedAt(), e.reason(), e.outcome());
  }

  /** A decision outcome with its approval as callers see it. */
  private DecisionOutcome shown(DecisionOutcome outcome) {
    Instant now = clock.instant();
    return switch (outcome.kind()) {
      case APPROVED -> new DecisionOutcome.Approved(
          view(outcome.approval(), now), ((DecisionOutcome.Approved) outcome).execution());
      case REJECTED -> new DecisionOutcome.Rejected(view(outcome.approval(), now));
      case ALREADY_DECIDED -> new DecisionOutcome.AlreadyDecided(view(outcome.approval(), now));
      case EXPIRED -> new DecisionOutcome.Expired(view(outcome.approval(), now));
      case STALE -> new DecisionOutcome.Stale(view(outcome.approval(), now));
      case UNAVAILABLE -> new DecisionOutcome.Unavailable(
          ((DecisionOutcome.Unavailable) outcome).approvalId(),
          outcome.approval() == null ? null : view(outcome.approval(), now));
      case NOT_FOUND, FORBIDDEN -> outcome;
    };
  }

  private Set<String> sensitiveArguments(String tool) {
    return registry.find(tool).map(t -> t.definition().annotations().sensitiveArguments()).orElse(Set.of());
  }
}
