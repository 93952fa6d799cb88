package dev.toolgate.adapter.firestore;

/**
 * The top-level collections the adapter uses. The first five are seed 000's layout; the rest are the
 * gateway's own state and the demo support desk. All names are listed in the adapter's README.
 */
final class CollectionNames {
  static final String CLIENTS = "clients";
  static final String SESSIONS = "sessions";
  static final String TURNS = "turns";
  static final String TOOL_LOGS = "tool_logs";
  static final String CACHES = "caches";

  static final String API_KEYS = "api_keys";
  static final String APPROVALS = "approvals";
  static final String IDEMPOTENCY = "idempotency_records";
  /** The audit records of earlier versions: one chain, {@code main}, one document per record. */
  static final String AUDIT = "audit_log";
  /**
   * One document per audit chain (id: the chain), holding its checkpoint once pruned; each writer's
   * records are in its subcollection {@link #AUDIT_RECORDS}.
   */
  static final String AUDIT_CHAINS = "audit_chains";
  static final String AUDIT_RECORDS = "records";
  static final String USAGE = "usage";
  static final String SECRETS = "secrets";

  static final String CUSTOMERS = "customers";
  static final String INCIDENTS = "incidents";
  static final String TICKETS = "tickets";
  static final String MESSAGES = "messages";
  /**
   * One document per effect key of a ticket or message (id: digest of kind and key), naming what the
   * first call with that key created; created in the same commit as the ticket or message.
   */
  static final String EFFECT_KEYS = "effect_keys";

  /**
   * The adapter's bookkeeping: layout version, ticket and message counters, and the head of the
   * audit chain of earlier versions ({@code audit_head}, no longer moved).
   */
  static final String META = "toolgate_meta";

  private CollectionNames() {}
}
