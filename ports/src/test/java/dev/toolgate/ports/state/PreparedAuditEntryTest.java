package dev.toolgate.ports.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A prepared entry chains to the very record {@link AuditRecord#chain} gives: checked over many
 * generated entries (nested arguments with their own "seq" and "tool" keys, unicode and escapes,
 * numbers such as 1.10 that read back differently, nulls), and over what a store reads back.
 */
class PreparedAuditEntryTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] WORDS = {
    "seq", "tool", "arguments", "a", "Z", "é", "日本", "😀", "\"quoted\"", "back\\slash", "line\nbreak", "tab\t",
    "\u0000nul", "\u2028", "", " ", "request_id", "zzz"
  };

  @Test
  void hashesExactlyAsAuditRecordChainForGeneratedEntries() {
    Random random = new Random(20261208);
    String prevHash = AuditRecord.GENESIS;
    for (int i = 0; i < 5_000; i++) {
      AuditEntry entry = entry(random);
      long seq = random.nextInt(4) == 0 ? Long.MAX_VALUE - random.nextInt(10) : 1 + random.nextInt(1_000_000);
      PreparedAuditEntry prepared = PreparedAuditEntry.of(entry);

      AuditRecord record = prepared.chain(seq, prevHash);

      assertThat(record.hash()).as("entry %s: %s", i, entry).isEqualTo(AuditRecord.chain(seq, prepared.entry(), prevHash).hash());
      assertThat(record.hashValid()).isTrue();
      // What a store reads back from the JSON text it wrote verifies against the hash.
      AuditEntry readBack =
          new AuditEntry(
              entry.at(), entry.requestId(), entry.keyId(), entry.clientKey(), entry.tool(),
              Json.parse(Json.write(record.entry().arguments())),
              entry.outcome(), entry.code(), entry.latencyMs(),
              Json.parse(Json.write(record.entry().details())));
      assertThat(new AuditRecord(seq, readBack, prevHash, record.hash()).hashValid()).as("entry %s read back", i).isTrue();
      prevHash = record.hash();
    }
  }

  @Test
  void keepsAnEntryThatReadsBackUnchangedAndReplacesOneThatDoesNot() {
    AuditEntry plain = fixed(Json.parse("{\"query\":\"acme\",\"n\":2}"));
    assertThat(PreparedAuditEntry.of(plain).entry()).isSameAs(plain);

    ObjectNode decimal = Json.object();
    decimal.put("amount", new BigDecimal("1.10"));
    AuditEntry withDecimal = fixed(decimal);
    AuditEntry prepared = PreparedAuditEntry.of(withDecimal).entry();
    assertThat(Json.write(prepared.arguments())).isEqualTo("{\"amount\":1.1}");
    assertThat(PreparedAuditEntry.of(withDecimal).chain(7, AuditRecord.GENESIS).hash())
        .isEqualTo(AuditRecord.chain(7, fixed(Json.parse("{\"amount\":1.1}")), AuditRecord.GENESIS).hash());
  }

  private static AuditEntry fixed(JsonNode arguments) {
    return new AuditEntry(
        Instant.parse("2026-12-08T02:00:00Z"), "req-1", "k1", null, "search_customer", arguments, "executed", null, 3, null);
  }

  private static AuditEntry entry(Random random) {
    return new AuditEntry(
        Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)),
        word(random) + random.nextInt(),
        random.nextBoolean() ? null : word(random),
        random.nextBoolean() ? null : word(random),
        random.nextInt(5) == 0 ? null : word(random),
        random.nextInt(6) == 0 ? null : value(random, 3),
        word(random),
        random.nextBoolean() ? null : word(random),
        random.nextInt(3) == 0 ? random.nextInt(100) : random.nextLong(0, Long.MAX_VALUE),
        random.nextInt(4) == 0 ? null : value(random, 2));
  }

  private static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : WORDS[random.nextInt(WORDS.length)]);
  }

  private static JsonNode value(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 11 : 9);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt());
      case 3 -> NODES.numberNode(random.nextLong());
      case 4 -> NODES.numberNode(new BigDecimal(random.nextInt(1000) + "." + random.nextInt(10) + "0"));
      case 5 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      case 6 -> NODES.numberNode(new BigInteger(100, random));
      case 7 -> NODES.textNode(word(random));
      case 8 -> NODES.numberNode(random.nextFloat());
      case 9 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(value(random, depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          object.set(word(random), value(random, depth - 1));
        }
        yield object;
      }
    };
  }
}
