package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.state.StateStores;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryStoresTest {
  @Test
  void givesTheSameFakeOnEveryCallAndTurnsUnhealthyWhenClosed() {
    StateStores stores = new InMemoryStores(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));

    assertThat(stores.approvals()).isSameAs(stores.approvals());
    assertThat(stores.supportDesk()).isSameAs(stores.supportDesk());
    assertThat(stores.describe()).isEqualTo("in-memory");
    assertThat(stores.healthy()).isTrue();

    stores.close();
    stores.close();

    assertThat(stores.healthy()).isFalse();
  }
}
