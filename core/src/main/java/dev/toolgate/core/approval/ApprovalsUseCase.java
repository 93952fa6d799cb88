package dev.toolgate.core.approval;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import java.util.List;
import java.util.Optional;

/**
 * Lists, polls and decides approvals. Approvals carry effective status (expired ones report
 * EXPIRED). Thread-safe.
 */
public interface ApprovalsUseCase {
  /**
   * Approvals with this effective status (all if null), newest first. Approvers, operators and admins
   * see all (within their client scope); other principals see their own requests only.
   */
  List<Approval> list(Principal principal, ApprovalStatus status, int limit);

  /** One approval, if it exists and the principal may see it (as for {@link #list}). */
  Optional<Approval> find(Principal principal, String approvalId);

  /**
   * Decides an approval. Approving runs the bound call exactly once through the execution stage of
   * the pipeline and stores its outcome (also under the original idempotency key, if any).
   * Every decision, refused or not, is audited.
   */
  DecisionOutcome decide(DecideCommand command);
}
