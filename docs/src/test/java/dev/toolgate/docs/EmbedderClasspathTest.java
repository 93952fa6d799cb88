package dev.toolgate.docs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * This module depends on Toolgate as docs/embedding.md tells an embedder to (core and the SQLite
 * adapter), so its classpath is an embedder's: the adapters' Guice modules must not drag Guice or the
 * Guava it brings onto it (they are optional dependencies of the adapters).
 */
class EmbedderClasspathTest {
  @Test
  void theLibraryBringsNeitherGuiceNorGuava() {
    assertThatThrownBy(() -> Class.forName("com.google.inject.Module"))
        .as("Guice on an embedder's classpath")
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.google.common.collect.ImmutableList"))
        .as("Guava on an embedder's classpath")
        .isInstanceOf(ClassNotFoundException.class);
  }
}
