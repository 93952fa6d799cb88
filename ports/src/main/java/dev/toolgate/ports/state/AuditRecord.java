package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * An audit entry as stored: numbered and hash-chained. {@code hash} is SHA-256 over the previous
 * record's hash and this record's canonical JSON, so changing, removing or reordering any record
 * breaks the chain from there on. Every {@link AuditLog} computes hashes with {@link #chain}.
 *
 * @param seq position in the log, from 1, without gaps
 * @param entry what happened
 * @param prevHash the previous record's hash, or {@link #GENESIS} for the first
 * @param hash this record's hash
 */
public record AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {
  /** The previous hash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  public AuditRecord {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
    if (seq < 1) {
      throw new IllegalArgumentException("audit seq starts at 1, got " + seq);
    }
  }

  /** Chains {@code entry} as record {@code seq} after a record whose hash is {@code prevHash}. */
  public static AuditRecord chain(long seq, AuditEntry entry, String prevHash) {
    return new AuditRecord(seq, entry, prevHash, hashOf(seq, entry, prevHash));
  }

  /** Whether {@code hash} matches this record's content and {@code prevHash}. */
  public boolean hashValid() {
    return hash.equals(hashOf(seq, entry, prevHash));
  }

  /** The record as one JSON object (as exported in JSON Lines). */
  public ObjectNode toJson() {
    ObjectNode node = body(seq, entry);
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
      return new AuditRecord(
          node.path("seq").asLong(), entry, required(node, "prev_hash"), required(node, "hash"));
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

  private static String hashOf(long seq, AuditEntry entry, String prevHash) {
    return Json.sha256(prevHash + "\n" + Json.canonical(body(seq, entry)));
  }

  private static ObjectNode body(long seq, AuditEntry e) {
    ObjectNode node = Json.object();
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
