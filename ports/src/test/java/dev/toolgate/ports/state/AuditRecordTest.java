package dev.toolgate.ports.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.ports.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecordTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private static AuditEntry entry(int n) {
    return new AuditEntry(
        T0.plusSeconds(n), "req-" + n, "key_a", "acme", "search_customer", Json.object().put("n", n), "executed",
        null, 1, null);
  }

  @Test
  void mainChainHashesAsBeforeChainsExistedSoOldRecordsStillVerify() {
    // The hash of record 1 of this entry as Toolgate wrote it before a record named its chain.
    AuditEntry entry = entry(1);
    String legacy = Json.sha256(AuditRecord.GENESIS + "\n" + Json.canonical(withoutChain(AuditRecord.chain(1, entry, AuditRecord.GENESIS))));

    assertThat(AuditRecord.chain(1, entry, AuditRecord.GENESIS).hash()).isEqualTo(legacy);
    assertThat(AuditRecord.chain("w-1", 1, entry, AuditRecord.GENESIS).hash()).isNotEqualTo(legacy);
  }

  @Test
  void movingARecordToAnotherChainBreaksItsHash() {
    AuditRecord record = AuditRecord.chain("w-1", 1, entry(1), AuditRecord.GENESIS);

    AuditRecord moved = new AuditRecord("w-2", 1, record.entry(), record.prevHash(), record.hash());

    assertThat(record.hashValid()).isTrue();
    assertThat(moved.hashValid()).isFalse();
  }

  @Test
  void readsBackItsJsonWithTheChainAndALineWithoutOneAsMain() {
    AuditRecord named = AuditRecord.chain("w-1", 3, entry(1), AuditRecord.GENESIS);
    AuditRecord main = AuditRecord.chain(3, entry(1), AuditRecord.GENESIS);

    assertThat(AuditRecord.fromJson(named.toJson())).isEqualTo(named);
    assertThat(main.toJson().has("chain")).isFalse();
    assertThat(AuditRecord.fromJson(main.toJson())).isEqualTo(main);
  }

  @Test
  void refusesAChainIdThatCannotNameADocument() {
    assertThatThrownBy(() -> AuditRecord.chain("a/b", 1, entry(1), AuditRecord.GENESIS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a/b'");
  }

  @Test
  void mergesChainsByTimeKeepingEachChainInSeqOrder() {
    AuditRecord a1 = AuditRecord.chain("a", 1, entry(1), AuditRecord.GENESIS);
    AuditRecord a2 = AuditRecord.chain("a", 2, entry(5), a1.hash());
    // Chained after b1 but stamped earlier (a slower call): b keeps its seq order in the merge.
    AuditRecord b1 = AuditRecord.chain("b", 1, entry(3), AuditRecord.GENESIS);
    AuditRecord b2 = AuditRecord.chain("b", 2, entry(2), b1.hash());
    AuditRecord b3 = AuditRecord.chain("b", 3, entry(6), b2.hash());

    assertThat(AuditChains.merge(List.of(List.of(a1, a2), List.of(b1, b2, b3)), false, 10))
        .containsExactly(a1, b1, b2, a2, b3);
    assertThat(AuditChains.merge(List.of(List.of(a2, a1), List.of(b3, b2, b1)), true, 3))
        .containsExactly(b3, a2, b2);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode withoutChain(AuditRecord record) {
    com.fasterxml.jackson.databind.node.ObjectNode node = record.toJson();
    node.remove("prev_hash");
    node.remove("hash");
    return node;
  }
}
