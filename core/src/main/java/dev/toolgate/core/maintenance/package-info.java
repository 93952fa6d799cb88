/**
 * Housekeeping of the gateway's state: purging expired idempotency records, cache entries and
 * undecided approvals, once on demand or on a schedule in long-lived processes.
 */
package dev.toolgate.core.maintenance;
