package dev.toolgate.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void masksEverySecretLongestFirstAndTheCredentialAfterAnAuthScheme() {
    String text = "key pk_live_abcdef123456 and pk_live_abcdef123456_more, header Bearer tok_0123456789 or tok_0123456789";

    String masked = Redaction.mask(text, List.of("pk_live_abcdef123456", "pk_live_abcdef123456_more", "Bearer tok_0123456789"));

    assertThat(masked).isEqualTo("key [redacted] and [redacted], header [redacted] or [redacted]");
  }

  @Test
  void leavesShortValuesNullsAndNullTextAlone() {
    assertThat(Redaction.mask("mode 1 of 1", "1", null)).isEqualTo("mode 1 of 1");
    assertThat(Redaction.mask(null, "secret_value")).isNull();
    assertThat(Redaction.mask("no secrets", Arrays.asList((String) null))).isEqualTo("no secrets");
  }
}
