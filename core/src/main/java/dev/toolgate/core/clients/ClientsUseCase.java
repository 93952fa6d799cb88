package dev.toolgate.core.clients;

import dev.toolgate.core.Principal;
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
   * Creates a client or changes only what the command gives, then stores its secrets; audited as
   * {@code client_saved} (and {@code secret_stored} per secret). Needs the admin role
   * ({@link dev.toolgate.core.ForbiddenException} otherwise). Everything is checked before anything
   * is written: a bad field, a secret that is blank, holds whitespace or control characters or exceeds
   * 4096 characters, or secrets on a gateway without a secret store fail with
   * {@link dev.toolgate.core.InvalidCommandException} naming each problem, and nothing changes.
   */
  ClientView save(SaveClientCommand command);

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
