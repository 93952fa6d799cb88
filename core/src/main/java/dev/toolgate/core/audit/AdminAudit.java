package dev.toolgate.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Administrative actions (keys issued or revoked, clients saved, secrets stored) and their refusals,
 * recorded in the same hash-chained log as tool calls. A record names the keys, clients and secrets
 * involved; never a secret's value, a presentable key or its hash.
 */
public final class AdminAudit {
  public static final String KEY_ISSUED = "key_issued";
  public static final String KEY_REVOKED = "key_revoked";
  public static final String CLIENT_SAVED = "client_saved";
  public static final String SECRET_STORED = "secret_stored";
  public static final String IDEMPOTENCY_KEY_FORGOTTEN = "idempotency_key_forgotten";
  public static final String AUDIT_PRUNED = "audit_pruned";
  /** The request id of the admin key the gateway issues itself when it has none. */
  public static final String BOOTSTRAP_REQUEST_ID = "bootstrap";

  private static final String FORBIDDEN = "forbidden";

  private final AuditLog log;
  private final Clock clock;

  public AdminAudit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /**
   * Returns if {@code principal} is an admin; otherwise records the refused {@code action} with
   * {@code details} and throws a {@link ForbiddenException} with {@code message}.
   */
  public void requireAdmin(
      Principal principal, String requestId, String action, String clientKey, ObjectNode details, String message) {
    Objects.requireNonNull(principal, "principal");
    // Checked before acting: an action that cannot be audited must not happen.
    Objects.requireNonNull(requestId, "requestId");
    if (!principal.hasRole(Role.ADMIN)) {
      Instant now = clock.instant();
      ObjectNode refused = details.deepCopy().put("attempted", action);
      append(principal.keyId(), requestId, now, clientKey, FORBIDDEN, FORBIDDEN, refused);
      throw new ForbiddenException(message);
    }
  }

  /** Records a completed {@code action}; {@code actorKeyId} is null when the gateway acted on its own. */
  public void succeeded(
      String actorKeyId, String requestId, Instant started, String action, String clientKey, ObjectNode details) {
    append(actorKeyId, requestId, started, clientKey, action, null, details);
  }

  private void append(
      String keyId, String requestId, Instant started, String clientKey, String outcome, String code,
      ObjectNode details) {
    long latency = Math.max(0, Duration.between(started, clock.instant()).toMillis());
    log.append(new AuditEntry(started, requestId, keyId, clientKey, null, null, outcome, code, latency, details));
  }
}
