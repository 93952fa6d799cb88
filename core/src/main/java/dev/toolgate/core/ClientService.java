package dev.toolgate.core;

import dev.toolgate.core.clients.ClientView;
import dev.toolgate.core.clients.ClientsUseCase;
import dev.toolgate.core.secret.SecretBox;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.secret.SecretStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists and changes client profiles, and seals their secrets with the master key before storing them. */
final class ClientService implements ClientsUseCase {
  private static final Logger log = LoggerFactory.getLogger(ClientService.class);
  private static final int MAX_SECRET_LENGTH = 4096;

  private final ClientProfileStore profiles;
  private final SecretStore secrets;
  private final SecretBox box;
  private final Clock clock;

  /** {@code secrets} and {@code box} are both null when the gateway keeps no secrets. */
  ClientService(ClientProfileStore profiles, SecretStore secrets, SecretBox box, Clock clock) {
    this.profiles = profiles;
    this.secrets = secrets;
    this.box = box;
    this.clock = clock;
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
  public ClientView upsert(Principal admin, ClientProfile profile) {
    requireAdmin(admin);
    Objects.requireNonNull(profile, "profile");
    profiles.upsert(profile);
    log.info(
        "client {} saved by {} (marketing backend {})",
        profile.clientKey(), admin.keyId(), profile.marketingBackend().wireName());
    return view(profile);
  }

  @Override
  public void putSecret(Principal admin, String clientKey, String name, String value) {
    requireAdmin(admin);
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
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
    log.info("secret {} of client {} stored by {} (master key {})", name, clientKey, admin.keyId(), box.keyId());
  }

  private ClientView view(ClientProfile profile) {
    return new ClientView(profile, secrets == null ? List.of() : secrets.names(profile.clientKey()));
  }

  private static void requireAdmin(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    if (!principal.hasRole(Role.ADMIN)) {
      throw new ForbiddenException("managing clients needs the admin role");
    }
  }
}
