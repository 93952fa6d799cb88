package dev.toolgate.core.clients;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.auth.ClientProfile;
import java.util.List;

/**
 * Client (tenant) profiles and their third-party secrets. Secrets go in, encrypted, and never come
 * out: no method returns or logs a secret's value. Changes, and refusals to make them, are recorded in
 * the audit log under the given request id, naming the client and secret but never the value.
 * Thread-safe.
 */
public interface ClientsUseCase {
  /** The clients the principal may see — all, or only its own for a client-scoped key — by client key. */
  List<ClientView> list(Principal principal);

  /**
   * Creates or replaces a profile, audited as {@code client_saved}. Needs the admin role
   * ({@link dev.toolgate.core.ForbiddenException} otherwise).
   */
  ClientView upsert(Principal admin, ClientProfile profile, String requestId);

  /**
   * Encrypts {@code value} with the gateway's master key and stores it as the secret {@code name} of
   * an existing client, replacing any previous value; audited as {@code secret_stored}. Needs the
   * admin role. Throws {@link dev.toolgate.ports.NotFoundException} if there is no such client,
   * {@link IllegalArgumentException} if the value is blank, holds whitespace or control characters, or
   * exceeds 4096 characters (the message never quotes it), and {@link IllegalStateException} if the
   * gateway was built without a secret store.
   */
  void putSecret(Principal admin, String clientKey, String name, String value, String requestId);
}
