package dev.toolgate.core.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.approval.ApprovalGate;
import dev.toolgate.core.audit.OutcomeAudit;
import dev.toolgate.core.audit.Redaction;
import dev.toolgate.core.cache.ResponseCacheGate;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.CallToolUseCase;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.idempotency.IdempotencyGate;
import dev.toolgate.core.idempotency.IdempotencyGate.Settled;
import dev.toolgate.core.internal.ArgumentValidator;
import dev.toolgate.core.internal.PolicyEngine;
import dev.toolgate.core.internal.ToolRegistry;
import dev.toolgate.core.internal.ToolRunner;
import dev.toolgate.core.ratelimit.RateLimits;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.CommitGroup;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.PreparedAuditEntry;
import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolInvocation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded pipeline of ARCHITECTURE.md §2, in its order: resolve, policy, rate limit, validate,
 * idempotency, approval, cache, execute; then one audit record and one usage count for every call,
 * whatever it ended in.
 */
public final class CallToolService implements CallToolUseCase {
  private static final Logger log = LoggerFactory.getLogger(CallToolService.class);

  private final ToolRegistry registry;
  private final PolicyEngine policy;
  private final ClientProfileStore clients;
  private final RateLimits rateLimits;
  private final ArgumentValidator validator;
  private final IdempotencyGate idempotency;
  private final ApprovalGate approvals;
  private final ResponseCacheGate cache;
  private final ToolRunner runner;
  private final AuditLog audit;
  private final UsageLedger usage;
  private final CommitGroup commits;
  private final GatewayConfig config;
  private final Clock clock;

  public CallToolService(
      ToolRegistry registry,
      PolicyEngine policy,
      ClientProfileStore clients,
      RateLimits rateLimits,
      ArgumentValidator validator,
      IdempotencyGate idempotency,
      ApprovalGate approvals,
      ResponseCacheGate cache,
      ToolRunner runner,
      AuditLog audit,
      UsageLedger usage,
      CommitGroup commits,
      GatewayConfig config,
      Clock clock) {
    this.registry = registry;
    this.policy = policy;
    this.clients = clients;
    this.rateLimits = rateLimits;
    this.validator = validator;
    this.idempotency = idempotency;
    this.approvals = approvals;
    this.cache = cache;
    this.runner = runner;
    this.audit = audit;
    this.usage = usage;
    this.commits = commits;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public ToolOutcome call(CallToolCommand command) {
    Instant started = clock.instant();
    Optional<Tool> tool = registry.find(command.tool());
    Settled settled;
    try {
      settled =
          tool.isEmpty()
              ? Settled.nothingToSettle(new ToolOutcome.UnknownTool(command.tool()))
              : guarded(command, tool.get());
    } catch (RuntimeException e) {
      log.warn("pipeline failed for tool {} (request {})", command.tool(), command.requestId(), e);
      settled =
          Settled.nothingToSettle(
              new ToolOutcome.Failed(
                  command.tool(),
                  FailureCode.INTERNAL_ERROR,
                  "the gateway failed to process the call; the gateway log has details under request "
                      + command.requestId(),
                  false));
    }
    return record(command, tool, settled, started);
  }

  private Settled guarded(CallToolCommand command, Tool tool) {
    Principal principal = command.principal();
    String name = tool.name();
    ClientProfile client =
        principal.clientKey() == null ? null : clients.find(principal.clientKey()).orElse(null);

    Optional<ToolOutcome.Denied> denied = policy.check(principal, client, tool.definition());
    if (denied.isPresent()) {
      return Settled.nothingToSettle(denied.get());
    }
    Optional<ToolOutcome.RateLimited> limited = rateLimits.acquire(name, principal, client);
    if (limited.isPresent()) {
      return Settled.nothingToSettle(limited.get());
    }
    List<FieldError> errors = validator.validate(name, command.arguments());
    if (!errors.isEmpty()) {
      return Settled.nothingToSettle(new ToolOutcome.Invalid(name, errors));
    }

    // Read-only tools ignore idempotency keys: calling them twice is harmless by definition.
    String idempotencyKey =
        tool.definition().annotations().hasSideEffects() ? command.idempotencyKey() : null;
    if (idempotencyKey == null) {
      return Settled.nothingToSettle(afterIdempotency(command, tool, null));
    }
    return idempotency.once(
        principal.keyId(), name, tool.definition().annotations().recovery(), idempotencyKey, command.arguments(),
        command.requestId(), stored -> approvals.replay(stored, command.requestId()),
        () -> afterIdempotency(command, tool, idempotencyKey));
  }

  private ToolOutcome afterIdempotency(CallToolCommand command, Tool tool, String idempotencyKey) {
    if (approvals.required(tool)) {
      return approvals.request(command, idempotencyKey);
    }
    return cache.through(
        command,
        tool.definition(),
        () ->
            runner.run(
                tool,
                new ToolInvocation(
                    command.arguments(),
                    command.requestId(),
                    command.principal().clientKey(),
                    idempotencyKey == null
                        ? null
                        : new IdempotencyScope(command.principal().keyId(), tool.name(), idempotencyKey).effectKey(),
                    command.context())));
  }

  /**
   * Settles the call's idempotency key, audits and counts the call — three writes committed together
   * where the store can ({@link CommitGroup}), so the call waits for one commit — and returns what the
   * caller is answered: the outcome, or, when its audit record cannot be written, a retryable
   * failure, so that no call is acknowledged unaudited.
   */
  private ToolOutcome record(CallToolCommand command, Optional<Tool> tool, Settled settled, Instant started) {
    ToolOutcome outcome = settled.outcome();
    Principal principal = command.principal();
    long latency = Math.max(0, Duration.between(started, clock.instant()).toMillis());
    Set<String> sensitive =
        tool.map(t -> t.definition().annotations().sensitiveArguments()).orElse(Set.of());
    ObjectNode details = outcome.details();
    if (command.idempotencyKey() != null) {
      details.put("idempotency_key", command.idempotencyKey());
    }
    boolean error = !outcome.isSuccess() && outcome.kind() != ToolOutcome.Kind.APPROVAL_REQUIRED;
    // Everything but the writes is built here, on the caller's thread: a grouping store runs the
    // writes on its one writer thread, which should spend its time writing.
    AuditEntry entry =
        new AuditEntry(
            started,
            command.requestId(),
            principal.keyId(),
            principal.clientKey(),
            command.tool(),
            Redaction.redact(command.arguments(), sensitive),
            OutcomeAudit.word(outcome),
            OutcomeAudit.code(outcome),
            latency,
            details);
    UsageEvent counted =
        new UsageEvent(
            LocalDate.ofInstant(started, ZoneOffset.UTC),
            principal.clientKey(),
            command.tool(),
            error,
            latency,
            0,
            0,
            BigDecimal.ZERO);
    try {
      // Prepared here, on the caller's thread: a grouping store runs the writes below on its one writer
      // thread, which then only chains and inserts the record.
      PreparedAuditEntry prepared = PreparedAuditEntry.of(entry);
      commits.together(
          () -> {
            settled.settle().run();
            audit.append(prepared);
            count(command, counted);
          });
    } catch (RuntimeException e) {
      // A grouping store kept none of the three writes. Settle the key on its own, so that a retry with
      // it gets this outcome (audited then) rather than waiting out the lease; a store that does not
      // group has settled it already, and settling again stores the same outcome or finds nothing.
      try {
        settled.settle().run();
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      log.warn("could not audit the call of {} (request {}); answering unavailable", command.tool(),
          command.requestId(), e);
      return unaudited(command);
    }
    log.debug(
        "call tool={} key={} outcome={} latency_ms={}",
        command.tool(), principal.keyId(), OutcomeAudit.word(outcome), latency);
    return outcome;
  }

  private void count(CallToolCommand command, UsageEvent event) {
    try {
      usage.record(event);
    } catch (PortException e) {
      // Counters are not worth failing a call that has already happened.
      log.warn("could not count usage of {} (request {})", command.tool(), command.requestId(), e);
    }
  }

  /** The answer to a call whose audit record could not be written, whatever it ended in. */
  private static ToolOutcome unaudited(CallToolCommand command) {
    // With a key the outcome is stored under it (or the key was freed), so a retry gets it, audited.
    String message =
        command.idempotencyKey() != null
            ? "the call's audit record could not be written, so its outcome is not given now; it is kept under"
                + " its idempotency key: retry with the same key to receive it"
            : "the call's audit record could not be written, so its outcome is not given now; the call may have"
                + " taken effect: check before calling again, and send an idempotency key to make retries safe";
    return new ToolOutcome.Failed(command.tool(), FailureCode.UNAVAILABLE, message, true);
  }
}
