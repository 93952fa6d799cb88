package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A request for a human decision on one tool call, bound to everything that call was.
 *
 * @param id identifier shown to users, e.g. {@code apr_…}
 * @param requesterKeyId key id of the principal who made the call
 * @param clientKey the client the call was for, or null
 * @param tool tool name
 * @param arguments the validated arguments, kept so that approval can run exactly this call
 * @param fingerprint SHA-256 of the canonical arguments
 * @param policyVersion the policy version in force when the call was made; a later version makes
 *     the approval stale
 * @param idempotencyKey the caller's idempotency key, or null
 * @param requestId the request that created it
 * @param status stored status (PENDING, APPROVED or REJECTED)
 * @param createdAt creation time
 * @param expiresAt after this instant a pending approval is expired
 * @param decidedBy key id of the approver, or null while pending
 * @param decidedAt decision time, or null while pending
 * @param reason the approver's reason, or null
 * @param outcome the stored outcome of the approved call once it ran, or null
 */
public record Approval(
    String id,
    String requesterKeyId,
    String clientKey,
    String tool,
    JsonNode arguments,
    String fingerprint,
    String policyVersion,
    String idempotencyKey,
    String requestId,
    ApprovalStatus status,
    Instant createdAt,
    Instant expiresAt,
    String decidedBy,
    Instant decidedAt,
    String reason,
    JsonNode outcome) {

  public Approval {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requesterKeyId, "requesterKeyId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The effective status at {@code now}: a pending approval past its expiry is EXPIRED. */
  public ApprovalStatus statusAt(Instant now) {
    return status == ApprovalStatus.PENDING && !now.isBefore(expiresAt)
        ? ApprovalStatus.EXPIRED
        : status;
  }

  /** A new pending approval. */
  public static Approval pending(
      String id,
      String requesterKeyId,
      String clientKey,
      String tool,
      JsonNode arguments,
      String fingerprint,
      String policyVersion,
      String idempotencyKey,
      String requestId,
      Instant createdAt,
      Instant expiresAt) {
    return new Approval(
        id, requesterKeyId, clientKey, tool, arguments, fingerprint, policyVersion, idempotencyKey,
        requestId, ApprovalStatus.PENDING, createdAt, expiresAt, null, null, null, null);
  }
}
