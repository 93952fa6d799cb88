package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.util.Objects;

/**
 * An {@link AuditEntry} made ready to be chained into {@link AuditRecord#MAIN_CHAIN}, with the
 * costly part of hashing done: the entry as it will read back from stored JSON text, and the
 * canonical text of its record around the one field not known yet, {@code seq}. A store that
 * appends on a single writer thread prepares an entry on the caller's thread, so that the writer
 * only looks up the head and hashes ({@link #chain}).
 *
 * <p>{@link #chain} gives exactly the record {@link AuditRecord#chain(long, AuditEntry, String)}
 * gives for {@link #entry()}: the same hash, byte for byte.
 */
public final class PreparedAuditEntry {
  private final AuditEntry entry;
  private final String beforeSeq;
  private final String afterSeq;

  private PreparedAuditEntry(AuditEntry entry, String beforeSeq, String afterSeq) {
    this.entry = entry;
    this.beforeSeq = beforeSeq;
    this.afterSeq = afterSeq;
  }

  /** Prepares {@code entry}; the work is a few JSON writes and parses of its arguments and details. */
  public static PreparedAuditEntry of(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    AuditEntry stored = asReadBack(entry);
    // The record's canonical text has its keys sorted: every field but "tool" comes before "seq", and
    // the main chain is not named (see AuditRecord). So the text is these two parts around the seq.
    ObjectNode head = AuditRecord.body(AuditRecord.MAIN_CHAIN, 0, stored);
    head.remove("seq");
    ObjectNode tail = Json.object();
    tail.set("tool", head.remove("tool"));
    String fields = Json.canonical(head);
    String beforeSeq = fields.substring(0, fields.length() - 1) + ",\"seq\":";
    String afterSeq = "," + Json.canonical(tail).substring(1);
    return new PreparedAuditEntry(stored, beforeSeq, afterSeq);
  }

  /** The entry as it will read back from its JSON text (what the hash covers). */
  public AuditEntry entry() {
    return entry;
  }

  /** This entry as record {@code seq} of {@link AuditRecord#MAIN_CHAIN} after a record whose hash is {@code prevHash}. */
  public AuditRecord chain(long seq, String prevHash) {
    Objects.requireNonNull(prevHash, "prevHash");
    String hash = Json.sha256(prevHash + "\n" + beforeSeq + seq + afterSeq);
    return new AuditRecord(AuditRecord.MAIN_CHAIN, seq, entry, prevHash, hash);
  }

  /**
   * The entry as it will read back from its JSON text. JSON text does not keep every number's Java
   * type (a {@code BigDecimal} 1.10 reads back as the double 1.1), and the hash must be computed over
   * what later readers will see, or an untouched record would fail verification.
   */
  private static AuditEntry asReadBack(AuditEntry entry) {
    JsonNode arguments = readBack(entry.arguments());
    JsonNode details = readBack(entry.details());
    if (arguments == entry.arguments() && details == entry.details()) {
      return entry;
    }
    return new AuditEntry(
        entry.at(),
        entry.requestId(),
        entry.keyId(),
        entry.clientKey(),
        entry.tool(),
        arguments,
        entry.outcome(),
        entry.code(),
        entry.latencyMs(),
        details);
  }

  /** {@code node} itself when its text reads back the same, else what reads back. */
  private static JsonNode readBack(JsonNode node) {
    JsonNode back = Json.parse(Json.write(node));
    return Json.canonical(back).equals(Json.canonical(node)) ? node : back;
  }
}
