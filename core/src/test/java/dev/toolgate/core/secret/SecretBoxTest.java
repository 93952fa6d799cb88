package dev.toolgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.secret.EncryptedSecret;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");
  private static final String KEY = "pk_live_0123456789abcdefABCDEF";

  private final MasterKey master = MasterKey.generate();
  private final SecretBox box = new SecretBox(master);

  @Test
  void opensWhatItSealedAndTheCiphertextHoldsNoPlaintext() {
    EncryptedSecret sealed = box.seal("acme", "klaviyo_api_key", KEY, T0);

    assertThat(box.open(sealed)).isEqualTo(KEY);
    assertThat(sealed.ciphertext()).startsWith("tgs1." + master.id() + ".").doesNotContain(KEY).doesNotContain("0123456789");
    assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
    assertThat(sealed.updatedAt()).isEqualTo(T0);
  }

  @Test
  void sealsTheSameValueDifferentlyEachTime() {
    assertThat(box.seal("acme", "k", KEY, T0).ciphertext()).isNotEqualTo(box.seal("acme", "k", KEY, T0).ciphertext());
  }

  @Test
  void refusesCiphertextMovedToAnotherClientOrName() {
    EncryptedSecret sealed = box.seal("acme", "klaviyo_api_key", KEY, T0);

    assertThatThrownBy(() -> box.open(new EncryptedSecret("globex", "klaviyo_api_key", sealed.ciphertext(), T0)))
        .isInstanceOf(PortException.class).hasMessageContaining("does not authenticate");
    assertThatThrownBy(() -> box.open(new EncryptedSecret("acme", "other", sealed.ciphertext(), T0)))
        .isInstanceOf(PortException.class).hasMessageContaining("does not authenticate");
  }

  @Test
  void refusesTamperedCiphertext() {
    EncryptedSecret sealed = box.seal("acme", "klaviyo_api_key", KEY, T0);
    String[] parts = sealed.ciphertext().split("\\.");
    byte[] bytes = Base64.getUrlDecoder().decode(parts[2]);
    bytes[bytes.length - 1] ^= 1;
    String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    assertThatThrownBy(() -> box.open(new EncryptedSecret("acme", "klaviyo_api_key", tampered, T0)))
        .isInstanceOf(PortException.class).hasMessageNotContaining(KEY);
  }

  @Test
  void namesBothMasterKeysWhenAnotherOneSealedIt() {
    EncryptedSecret sealed = box.seal("acme", "klaviyo_api_key", KEY, T0);
    MasterKey other = MasterKey.generate();

    assertThatThrownBy(() -> new SecretBox(other).open(sealed))
        .isInstanceOf(PortException.class)
        .hasMessageContaining(master.id())
        .hasMessageContaining(other.id())
        .hasMessageContaining("client 'acme'");
  }

  @Test
  void masterKeyRoundTripsThroughTextAndNeverShowsItself() {
    MasterKey parsed = MasterKey.parse("  " + master.encoded() + "\n");

    assertThat(parsed).isEqualTo(master);
    assertThat(new SecretBox(parsed).open(box.seal("acme", "k", KEY, T0))).isEqualTo(KEY);
    assertThat(master.toString()).doesNotContain(master.encoded()).contains(master.id());
  }

  @Test
  void refusesMalformedMasterKeysWithoutQuotingThem() {
    String notBase64 = "this is not a key!!";
    String tooShort = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> MasterKey.parse(notBase64))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(notBase64);
    assertThatThrownBy(() -> MasterKey.parse(tooShort))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 16 bytes").hasMessageNotContaining(tooShort);
  }
}
