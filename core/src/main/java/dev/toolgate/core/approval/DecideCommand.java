package dev.toolgate.core.approval;

import dev.toolgate.core.Principal;
import java.util.Objects;

/**
 * An approver's decision on one approval.
 *
 * @param approver who decides
 * @param approvalId which approval
 * @param decision approve or reject
 * @param reason free text, or null
 * @param requestId the request id
 */
public record DecideCommand(
    Principal approver, String approvalId, Decision decision, String reason, String requestId) {
  public DecideCommand {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(requestId, "requestId");
  }
}
