package dev.toolgate.ports.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarketingAccountTest {
  private static final String KEY = "pk_live_5e3b1c0a9f8d7e6b5a4c3d2e1f0a9b8c";

  @Test
  void toStringNeverShowsTheKey() {
    MarketingAccount account = new MarketingAccount("acme", KEY);

    assertThat(account.toString()).contains("acme").doesNotContain(KEY).doesNotContain(KEY.substring(8));
  }

  @Test
  void fingerprintIdentifiesTheKeyWithoutRevealingIt() {
    MarketingAccount account = new MarketingAccount("acme", KEY);

    assertThat(account.keyFingerprint()).hasSize(12).isEqualTo(new MarketingAccount("other", KEY).keyFingerprint());
    assertThat(account.keyFingerprint()).isNotEqualTo(new MarketingAccount("acme", KEY + "x").keyFingerprint());
    assertThat(KEY).doesNotContain(account.keyFingerprint());
  }

  @Test
  void keysThatWouldBreakTheHeaderAreRefusedWithoutBeingQuoted() {
    assertThatThrownBy(() -> new MarketingAccount("acme", "pk_abc\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'acme'")
        .hasMessageNotContaining("pk_abc");
    assertThatThrownBy(() -> new MarketingAccount("acme", " ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> new MarketingAccount(" ", KEY)).hasMessageContaining("' '");
  }
}
