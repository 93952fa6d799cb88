package dev.toolgate.core.maintenance;

import dev.toolgate.core.Principal;

/**
 * Deletes state that no read can return any more. Reads already treat expired records as absent,
 * so purging changes no answer; it keeps the store from growing without bound.
 *
 * <p>What goes: idempotency records and cache entries past their {@code expiresAt}, and approvals
 * never decided whose expiry is older than the idempotency retention. The retention keeps an
 * expired approval readable (as {@code expired}) for as long as a client may still replay the
 * idempotency key of the call that created it. Decided approvals stay. Rate-limit buckets are not
 * state in the store; they are evicted as they are used.
 */
public interface MaintenanceUseCase {
  /**
   * Purges once, now. Each kind of record is attempted even if another fails; then the first
   * failure is thrown with the others suppressed.
   *
   * @throws dev.toolgate.ports.PortException if a store fails
   */
  PurgeReport purgeNow();

  /**
   * Starts purging every {@code GatewayConfig.maintenanceInterval()} (the first run one interval
   * from now) on a daemon thread, until the gateway is closed. A failing run is logged and the next
   * one still happens. For long-lived processes (a server); one-shot commands do not call it.
   *
   * @return false, doing nothing, when the interval is zero or the schedule already runs
   * @throws IllegalStateException if the gateway is closed
   */
  boolean start();

  /**
   * Clears one idempotency key, whatever its record holds, so that the next call with it runs as a
   * new call: how an operator resolves a key answered {@code outcome_unknown}, after checking in the
   * tool's own system whether the cut-off call took effect. Admin only; audited as
   * {@code idempotency_key_forgotten} (a refusal as {@code forbidden}).
   *
   * @return whether there was a record
   * @throws dev.toolgate.core.ForbiddenException if {@code admin} lacks the admin role
   * @throws IllegalArgumentException if the idempotency key is malformed
   */
  boolean forgetIdempotencyKey(Principal admin, String keyId, String tool, String idempotencyKey, String requestId);
}
