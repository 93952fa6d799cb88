package dev.toolgate.core.maintenance;

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
}
