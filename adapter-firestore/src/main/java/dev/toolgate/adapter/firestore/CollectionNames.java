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
  static final String AUDIT = "audit_log";
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

  /** The adapter's bookkeeping: layout version, audit chain head, ticket and message counters. */
  static final String META = "toolgate_meta";

  private CollectionNames() {}
}
