package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewsTest {
  private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");

  @Test
  void approvalShowsArgumentsButMasksSecrets() {
    var arguments =
        Json.parse("{\"customer_id\":\"cus_1\",\"note\":\"private\",\"nested\":{\"api_key\":\"k-123\",\"Access-Token\":\"t\"}}");
    Approval approval =
        Approval.pending("apr_1", "key_a", null, "tool", arguments, "f".repeat(64), "pv", null, "req", NOW, NOW.plusSeconds(5));

    var view = Views.approval(approval, NOW, Set.of("note"));

    assertThat(view.path("arguments").path("customer_id").asText()).isEqualTo("cus_1");
    assertThat(view.path("arguments").path("note").asText()).isEqualTo(Views.MASK);
    assertThat(view.path("arguments").path("nested").path("api_key").asText()).isEqualTo(Views.MASK);
    assertThat(view.path("arguments").path("nested").path("Access-Token").asText()).isEqualTo(Views.MASK);
    assertThat(view.toString()).doesNotContain("private", "k-123");
    assertThat(approval.arguments().path("note").asText()).as("the approval itself is untouched").isEqualTo("private");
  }

  @Test
  void approvalReportsItsEffectiveStatus() {
    Approval approval =
        Approval.pending("apr_1", "key_a", null, "tool", Json.object(), "f".repeat(64), "pv", null, "req", NOW, NOW.plusSeconds(5));

    assertThat(Views.approval(approval, NOW, Set.of()).path("status").asText()).isEqualTo("pending");
    assertThat(Views.approval(approval, NOW.plusSeconds(5), Set.of()).path("status").asText()).isEqualTo("expired");
  }

  @Test
  void keyViewNeverShowsTheHash() {
    String hash = "a".repeat(64);
    ApiKey key = new ApiKey("k1", "bot", hash, Set.of(Role.AGENT), null, Set.of(), Set.of(), null, NOW, null);

    var view = Views.key(key);

    assertThat(view.toString()).doesNotContain(hash).doesNotContain("hash");
    assertThat(view.path("roles").toString()).isEqualTo("[\"agent\"]");
    assertThat(view.path("active").asBoolean()).isTrue();
  }
}
