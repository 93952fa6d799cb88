package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocIdsTest {
  @Test
  void keepsSafeValuesAsTheyAre() {
    assertThat(DocIds.natural("apr_01J9Z-x.y")).isEqualTo("apr_01J9Z-x.y");
  }

  @Test
  void digestsValuesFirestoreWouldMisreadOrRefuse() {
    for (String unsafe : new String[] {"a/b", ".", "..", "__id__", "with space", "x".repeat(201)}) {
      assertThat(DocIds.natural(unsafe)).as(unsafe).startsWith("~").hasSize(65).doesNotContain("/");
    }
    assertThat(DocIds.natural("a/b")).isNotEqualTo(DocIds.natural("a/c"));
  }

  @Test
  void digestsTuplesWithoutAmbiguity() {
    assertThat(DocIds.hashed("ab", "c")).isNotEqualTo(DocIds.hashed("a", "bc"));
    assertThat(DocIds.hashed("a", "b")).isEqualTo(DocIds.hashed("a", "b")).hasSize(64);
  }
}
