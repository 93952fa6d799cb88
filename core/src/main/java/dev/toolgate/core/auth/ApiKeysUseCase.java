package dev.toolgate.core.auth;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.auth.ApiKey;
import java.util.List;
import java.util.Optional;

/**
 * Issues, lists, revokes and authenticates API keys. Management needs the admin role; issuing and
 * revoking, and refusals to, are recorded in the audit log under the given request id.
 */
public interface ApiKeysUseCase {
  /**
   * Resolves a presented key (from {@code Authorization: Bearer}, {@code X-API-Key} or
   * {@code X-Proxy-Key}) to a principal: an active stored key whose hash matches in constant time,
   * or one of the configured fixed keys. Empty for anything else, including revoked keys.
   */
  Optional<Principal> authenticate(String presentedKey);

  /** Issues a key (admin only), audited as {@code key_issued}. */
  IssuedKey create(Principal admin, NewKey spec, String requestId);

  /**
   * Issues the first admin key if no active admin key exists yet; otherwise empty. An issued key is
   * audited as {@code key_issued} under the request id {@code bootstrap}, with no acting key.
   */
  Optional<IssuedKey> bootstrapAdmin();

  /** Every key, without secrets (admin only). */
  List<ApiKey> list(Principal admin);

  /**
   * Revokes a key (admin only), audited as {@code key_revoked}; true if it was active. Throws
   * NotFoundException if unknown.
   */
  boolean revoke(Principal admin, String keyId, String requestId);
}
