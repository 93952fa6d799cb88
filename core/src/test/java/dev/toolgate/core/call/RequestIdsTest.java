package dev.toolgate.core.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void idsAreVersion4UuidsInTheirUsualTextForm() {
    String id = RequestIds.next();

    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    UUID parsed = UUID.fromString(id);
    assertThat(parsed.version()).isEqualTo(4);
    assertThat(parsed.variant()).isEqualTo(2);
  }

  @Test
  void idsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      seen.add(RequestIds.next());
    }

    assertThat(seen).hasSize(100_000);
  }
}
