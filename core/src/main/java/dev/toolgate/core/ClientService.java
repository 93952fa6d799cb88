package dev.toolgate.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.clients.ClientView;
import dev.toolgate.core.clients.ClientsUseCase;
import dev.toolgate.core.secret.SecretBox;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.secret.SecretStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists and changes client profiles, and seals their secrets with the master key before storing them. */
final class ClientService implements ClientsUseCase {
  private static final Logger log = LoggerFactory.getLogger(ClientService.class);
  private static final int MAX_SECRET_LENGTH = 4096;
  private static final String NEEDS_ADMIN = "managing clients needs the admin role";

  private final ClientProfileStore profiles;
  private final SecretStore secrets;
  private final SecretBox box;
  private final Clock clock;
  private final AdminAudit audit;

  /** {@code secrets} and {@code box} are both null when the gateway keeps no secrets. */
  ClientService(ClientProfileStore profiles, SecretStore secrets, SecretBox box, Clock clock, AdminAudit audit) {
    this.profiles = profiles;
    this.secrets = secrets;
    this.box = box;
    this.clock = clock;
    this.audit = audit;
  }

  @Override
  public List<ClientView> list(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    String scope = principal.clientKey();
    return profiles.list().stream()
        .filter(profile -> scope == null || scope.equals(profile.clientKey()))
        .map(this::view)
        .toList();
  }

  @Override
  public ClientView upsert(Principal admin, ClientProfile profile, String requestId) {
    Objects.requireNonNull(profile, "profile");
    Instant started = clock.instant();
    ObjectNode target =
        Json.object()
            .put("client_key", profile.clientKey())
            .put("marketing_backend", profile.marketingBackend().wireName());
    audit.requireAdmin(admin, requestId, AdminAudit.CLIENT_SAVED, profile.clientKey(), target, NEEDS_ADMIN);
    profiles.upsert(profile);
    audit.succeeded(admin.keyId(), requestId, started, AdminAudit.CLIENT_SAVED, profile.clientKey(), target);
    log.info(
        "client {} saved by {} (marketing backend {})",
        profile.clientKey(), admin.keyId(), profile.marketingBackend().wireName());
    return view(profile);
  }

  @Override
  public void putSecret(Principal admin, String clientKey, String name, String value, String requestId) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Instant started = clock.instant();
    ObjectNode target = Json.object().put("client_key", clientKey).put("secret_name", name);
    audit.requireAdmin(admin, requestId, AdminAudit.SECRET_STORED, clientKey, target, NEEDS_ADMIN);
    if (secrets == null) {
      throw new IllegalStateException("this gateway was built without a secret store");
    }
    if (value.isBlank() || value.length() > MAX_SECRET_LENGTH || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException(
          "secret '" + name + "' of client '" + clientKey + "' must be 1-" + MAX_SECRET_LENGTH
              + " characters without whitespace or control characters (value not shown)");
    }
    if (profiles.find(clientKey).isEmpty()) {
      throw new NotFoundException("there is no client '" + clientKey + "'");
    }
    secrets.put(box.seal(clientKey, name, value, clock.instant()));
    audit.succeeded(admin.keyId(), requestId, started, AdminAudit.SECRET_STORED, clientKey, target);
    log.info("secret {} of client {} stored by {} (master key {})", name, clientKey, admin.keyId(), box.keyId());
  }

  private ClientView view(ClientProfile profile) {
    return new ClientView(profile, secrets == null ? List.of() : secrets.names(profile.clientKey()));
  }
}
