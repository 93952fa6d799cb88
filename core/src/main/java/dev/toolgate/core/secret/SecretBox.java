package dev.toolgate.core.secret;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.secret.EncryptedSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts clients' secrets with AES-256-GCM under a {@link MasterKey}. The envelope is
 * {@code tgs1.<master key id>.<base64url(nonce ‖ ciphertext ‖ tag)>}, with a fresh 96-bit nonce per
 * encryption. The client key and the secret's name are authenticated as associated data, so a
 * ciphertext copied to another client or name does not decrypt.
 */
public final class SecretBox {
  private static final String VERSION = "tgs1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final MasterKey key;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(MasterKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The id of the master key this box uses. */
  public String keyId() {
    return key.id();
  }

  /** Encrypts {@code plaintext} as the secret {@code name} of {@code clientKey}, stamped {@code at}. */
  public EncryptedSecret seal(String clientKey, String name, String plaintext, Instant at) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, clientKey, name, plaintext.getBytes(StandardCharsets.UTF_8));
    ByteBuffer envelope = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
    String text =
        VERSION + "." + key.id() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope.array());
    return new EncryptedSecret(clientKey, name, text, at);
  }

  /**
   * Decrypts a stored secret. Throws {@link PortException} naming the client, the secret and the
   * master key ids (never any key material) when it was sealed under another master key, or is
   * damaged or moved.
   */
  public String open(EncryptedSecret secret) {
    String what = "secret '" + secret.name() + "' of client '" + secret.clientKey() + "'";
    String[] parts = secret.ciphertext().split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw new PortException(what + " is not in a format this version can read");
    }
    if (!parts[1].equals(key.id())) {
      throw new PortException(
          what + " was encrypted with master key " + parts[1] + ", but this gateway uses master key "
              + key.id() + "; configure the original master key file, or store the secret again");
    }
    byte[] envelope;
    try {
      envelope = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new PortException(what + " is damaged (not base64)");
    }
    if (envelope.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PortException(what + " is damaged (too short)");
    }
    byte[] nonce = Arrays.copyOf(envelope, NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(envelope, NONCE_BYTES, envelope.length);
    try {
      return new String(
          crypt(Cipher.DECRYPT_MODE, nonce, secret.clientKey(), secret.name(), sealed), StandardCharsets.UTF_8);
    } catch (TamperedException e) {
      throw new PortException(what + " does not authenticate: it was altered or belongs to another client or name");
    }
  }

  private byte[] crypt(int mode, byte[] nonce, String clientKey, String name, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(("toolgate-secret-v1\n" + clientKey + "\n" + name).getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new TamperedException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is required by every Java platform", e);
    }
  }

  /** The tag did not verify; carries nothing, so no detail of the failure can leak. */
  private static final class TamperedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TamperedException() {
      super(null, null, false, false);
    }
  }
}
