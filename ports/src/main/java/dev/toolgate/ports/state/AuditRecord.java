package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * An audit entry as stored: numbered and hash-chained within its chain. {@code hash} is SHA-256
 * over the previous record's hash and this record's canonical JSON (which names the chain, unless
 * it is {@link #MAIN_CHAIN}), so changing, removing or reordering any record, or moving it to
 * another chain, breaks the chain from there on. Every {@link AuditLog} computes hashes with
 * {@link #chain}.
 *
 * <p>A log holds one chain per writer: a store with a single writer (SQLite) has only
 * {@link #MAIN_CHAIN}; on a shared store (Firestore) each gateway process appends to a chain of its
 * own, so that no document is rewritten per record. Across chains, records are ordered by
 * {@link #LOG_ORDER}.
 *
 * @param chain the chain this record belongs to
 * @param seq position in its chain, from 1, without gaps
 * @param entry what happened
 * @param prevHash the previous record's hash in the chain, or {@link #GENESIS} for the first
 * @param hash this record's hash
 */
public record AuditRecord(String chain, long seq, AuditEntry entry, String prevHash, String hash) {
  /** The previous hash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  /**
   * The chain of a single-writer log, and of every record written before logs had several chains;
   * its records' hashes do not name the chain, so those records verify as they always did.
   */
  public static final String MAIN_CHAIN = "main";

  /**
   * The order of a log across chains: by time ({@code at}), then chain, then seq. Within one chain
   * seq order is the order that counts (it is what the hashes link); a reader merging chains takes
   * each chain in seq order and interleaves them by this order of their next records.
   */
  public static final Comparator<AuditRecord> LOG_ORDER =
      Comparator.comparing((AuditRecord r) -> r.entry().at())
          .thenComparing(AuditRecord::chain)
          .thenComparingLong(AuditRecord::seq);

  public AuditRecord {
    requireChainId(chain);
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
    if (seq < 1) {
      throw new IllegalArgumentException("audit seq starts at 1, got " + seq);
    }
  }

  /** A record of {@link #MAIN_CHAIN}. */
  public AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {
    this(MAIN_CHAIN, seq, entry, prevHash, hash);
  }

  /**
   * Checks a chain id: 1-64 letters, digits, '-', '_' or '.', so that it can name a document and
   * a file.
   *
   * @return {@code chain}
   * @throws IllegalArgumentException quoting the bad id
   */
  public static String requireChainId(String chain) {
    Objects.requireNonNull(chain, "chain");
    if (!chain.matches("[A-Za-z0-9._-]{1,64}") || chain.startsWith(".")) {
      throw new IllegalArgumentException(
          "an audit chain id is 1-64 letters, digits, '-', '_' or '.' (not first), got '" + chain + "'");
    }
    return chain;
  }

  /** Chains {@code entry} as record {@code seq} of {@link #MAIN_CHAIN} after a record whose hash is {@code prevHash}. */
  public static AuditRecord chain(long seq, AuditEntry entry, String prevHash) {
    return chain(MAIN_CHAIN, seq, entry, prevHash);
  }

  /** Chains {@code entry} as record {@code seq} of {@code chain} after a record whose hash is {@code prevHash}. */
  public static AuditRecord chain(String chain, long seq, AuditEntry entry, String prevHash) {
    return new AuditRecord(chain, seq, entry, prevHash, hashOf(chain, seq, entry, prevHash));
  }

  /** Whether {@code hash} matches this record's content, chain and {@code prevHash}. */
  public boolean hashValid() {
    return hash.equals(hashOf(chain, seq, entry, prevHash));
  }

  /** The record as one JSON object (as exported in JSON Lines). */
  public ObjectNode toJson() {
    ObjectNode node = body(chain, seq, entry);
    node.put("prev_hash", prevHash);
    node.put("hash", hash);
    return node;
  }

  /**
   * A record from its {@link #toJson} form (a line of an export). The hash is taken as written, not
   * recomputed, so {@link #hashValid()} tells whether the line was edited.
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static AuditRecord fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("an audit record must be a JSON object");
    }
    try {
      AuditEntry entry =
          new AuditEntry(
              Instant.parse(required(node, "at")),
              required(node, "request_id"),
              text(node, "key_id"),
              text(node, "client_key"),
              text(node, "tool"),
              node.get("arguments"),
              required(node, "outcome"),
              text(node, "code"),
              node.path("latency_ms").asLong(),
              node.get("details"));
      String chain = text(node, "chain");
      return new AuditRecord(
          chain == null ? MAIN_CHAIN : chain, node.path("seq").asLong(), entry, required(node, "prev_hash"),
          required(node, "hash"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("field 'at' is not an ISO-8601 instant: " + node.get("at"), e);
    }
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String hashOf(String chain, long seq, AuditEntry entry, String prevHash) {
    return Json.sha256(prevHash + "\n" + Json.canonical(body(chain, seq, entry)));
  }

  /** The fields a record's hash covers, but {@code prev_hash} (also {@link PreparedAuditEntry}'s). */
  static ObjectNode body(String chain, long seq, AuditEntry e) {
    ObjectNode node = Json.object();
    // The main chain is not named, so records written before chains existed keep their hashes.
    if (!chain.equals(MAIN_CHAIN)) {
      node.put("chain", chain);
    }
    node.put("seq", seq);
    node.put("at", e.at().toString());
    node.put("request_id", e.requestId());
    node.put("key_id", e.keyId());
    node.put("client_key", e.clientKey());
    node.put("tool", e.tool());
    node.set("arguments", e.arguments());
    node.put("outcome", e.outcome());
    node.put("code", e.code());
    node.put("latency_ms", e.latencyMs());
    node.set("details", e.details());
    return node;
  }
}
