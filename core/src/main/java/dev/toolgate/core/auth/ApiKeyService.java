package dev.toolgate.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.Principal;
import dev.toolgate.core.audit.AdminAudit;
import dev.toolgate.core.auth.ApiKeysUseCase;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.internal.Ids;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and checks API keys. A presented key is {@code tg_<id>_<secret>}: the id finds the stored
 * key, and the SHA-256 of the whole presented text must equal the stored hash, compared in constant
 * time. Secrets are shown once, at issue, and never logged or stored. Issued keys that authenticated
 * are trusted from memory for a short time ({@link IssuedKeyCache}); a revoke here forgets them at once.
 */
public final class ApiKeyService implements ApiKeysUseCase {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

  private static final int ID_LENGTH = 12;
  private static final int SECRET_BYTES = 32;
  /** 32 random bytes are 43 base64url characters without padding. */
  private static final Pattern PRESENTED =
      Pattern.compile("tg_([a-z0-9]{" + ID_LENGTH + "})_[A-Za-z0-9_-]{43}");

  private static final int ISSUE_ATTEMPTS = 3;
  private static final String BOOTSTRAP_NAME = "bootstrap-admin";
  private static final String NEEDS_ADMIN = "managing API keys needs the admin role";

  /**
   * A key configured in settings, kept only as its hash.
   *
   * @param allowTools if not empty, the only tools the key may see and call
   */
  public record FixedKey(String id, byte[] hash, Set<Role> roles, Set<String> allowTools) {
    public FixedKey {
      Objects.requireNonNull(id, "id");
      hash = hash.clone();
      roles = Set.copyOf(roles);
      allowTools = Set.copyOf(allowTools);
    }

    public FixedKey(String id, byte[] hash, Set<Role> roles) {
      this(id, hash, roles, Set.of());
    }

    public Principal principal() {
      return new Principal(id, id, roles, null, allowTools, Set.of(), null);
    }
  }

  private final ApiKeyStore store;
  private final ClientProfileStore clients;
  private final List<FixedKey> fixedKeys;
  private final Clock clock;
  private final Ids ids;
  private final AdminAudit audit;
  private final IssuedKeyCache verified;

  /**
   * {@code clients} is where a new key's {@code client_key} must name a profile; {@code keyCacheTtl}
   * how long a verified issued key is trusted from memory (zero: the store is read for every key).
   */
  public ApiKeyService(
      ApiKeyStore store, ClientProfileStore clients, List<FixedKey> fixedKeys, Clock clock, Ids ids, AdminAudit audit,
      Duration keyCacheTtl) {
    this.store = store;
    this.clients = clients;
    this.fixedKeys = List.copyOf(fixedKeys);
    this.clock = clock;
    this.ids = ids;
    this.audit = audit;
    this.verified = new IssuedKeyCache(store, keyCacheTtl, clock);
  }

  /** The bytes compared against stored hashes: the lower-case hex SHA-256 of the text. */
  public static byte[] hashOf(String secret) {
    return Json.sha256(secret).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Optional<Principal> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isBlank()) {
      return Optional.empty();
    }
    String presented = presentedKey.strip();
    byte[] hash = hashOf(presented);
    Principal fixed = null;
    // Every fixed key is compared, so the time taken does not tell which one matched.
    for (FixedKey key : fixedKeys) {
      if (MessageDigest.isEqual(hash, key.hash()) && fixed == null) {
        fixed = key.principal();
      }
    }
    if (fixed != null) {
      return Optional.of(fixed);
    }
    Matcher matcher = PRESENTED.matcher(presented);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return verified.authenticate(matcher.group(1), hash);
  }

  @Override
  public IssuedKey create(Principal admin, NewKey spec, String requestId) {
    Instant started = clock.instant();
    audit.requireAdmin(admin, requestId, AdminAudit.KEY_ISSUED, spec.clientKey(), describe(spec), NEEDS_ADMIN);
    // Checked after the role, so that only an admin learns which clients exist. A malformed key
    // ("BAD KEY") is never a client's, so this one check covers both mistakes.
    if (spec.clientKey() != null && clients.find(spec.clientKey()).isEmpty()) {
      String problem = "'client_key' must name an existing client (see GET /clients), got '" + spec.clientKey() + "'";
      throw new InvalidCommandException("the key was not issued: " + problem, List.of(new FieldError("/client_key", problem)));
    }
    IssuedKey issued = issue(spec);
    audit.succeeded(
        admin.keyId(), requestId, started, AdminAudit.KEY_ISSUED, spec.clientKey(),
        describe(spec).put("key_id", issued.key().id()));
    log.info("key {} ('{}') issued by {} with roles {}", issued.key().id(), spec.name(), admin.keyId(), spec.roles());
    return issued;
  }

  @Override
  public synchronized Optional<IssuedKey> bootstrapAdmin() {
    boolean adminExists =
        fixedKeys.stream().anyMatch(key -> key.roles().contains(Role.ADMIN))
            || store.list().stream().anyMatch(key -> key.active() && key.hasRole(Role.ADMIN));
    if (adminExists) {
      return Optional.empty();
    }
    Instant started = clock.instant();
    NewKey spec = NewKey.of(BOOTSTRAP_NAME, Set.of(Role.ADMIN));
    IssuedKey issued = issue(spec);
    audit.succeeded(
        null, AdminAudit.BOOTSTRAP_REQUEST_ID, started, AdminAudit.KEY_ISSUED, null,
        describe(spec).put("key_id", issued.key().id()));
    log.info("no admin key existed; issued key {} ('{}')", issued.key().id(), BOOTSTRAP_NAME);
    return Optional.of(issued);
  }

  @Override
  public List<ApiKey> list(Principal admin) {
    if (!admin.hasRole(Role.ADMIN)) {
      throw new ForbiddenException(NEEDS_ADMIN);
    }
    return store.list();
  }

  @Override
  public boolean revoke(Principal admin, String keyId, String requestId) {
    Instant started = clock.instant();
    ObjectNode target = Json.object().put("key_id", keyId);
    audit.requireAdmin(admin, requestId, AdminAudit.KEY_REVOKED, null, target, NEEDS_ADMIN);
    boolean revoked = store.revoke(keyId, clock.instant());
    verified.forget(keyId);
    audit.succeeded(admin.keyId(), requestId, started, AdminAudit.KEY_REVOKED, null, target.put("was_active", revoked));
    if (revoked) {
      log.info("key {} revoked by {}", keyId, admin.keyId());
    }
    return revoked;
  }

  private IssuedKey issue(NewKey spec) {
    for (int attempt = 1; ; attempt++) {
      String id = ids.alphanumeric(ID_LENGTH);
      String secret = "tg_" + id + "_" + ids.secret(SECRET_BYTES);
      ApiKey key =
          new ApiKey(
              id, spec.name(), Json.sha256(secret), spec.roles(), spec.clientKey(), spec.allowTools(),
              spec.denyTools(), spec.rateLimit(), clock.instant(), null);
      try {
        store.create(key);
        return new IssuedKey(key, secret);
      } catch (ConflictException e) {
        // 36^12 ids make a clash nearly impossible; a few fresh draws settle it.
        if (attempt == ISSUE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** What the audit log keeps of a key to be issued: never its secret or hash. */
  private static ObjectNode describe(NewKey spec) {
    ObjectNode details = Json.object().put("name", spec.name()).put("client_key", spec.clientKey());
    spec.roles().stream().map(Role::wireName).sorted().forEach(details.putArray("roles")::add);
    return details;
  }
}
