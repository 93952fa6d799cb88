package dev.toolgate.core.clients;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.Principal;
import dev.toolgate.core.audit.AdminAudit;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.chat.ModelChoice;
import dev.toolgate.core.clients.ClientView;
import dev.toolgate.core.clients.ClientsUseCase;
import dev.toolgate.core.clients.SaveClientCommand;
import dev.toolgate.core.marketing.ProfileMarketingSources;
import dev.toolgate.core.secret.SecretBox;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.secret.EncryptedSecret;
import dev.toolgate.ports.secret.SecretStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists and changes client profiles, and seals their secrets with the master key before storing them. */
public final class ClientService implements ClientsUseCase {
  private static final Logger log = LoggerFactory.getLogger(ClientService.class);
  private static final int MAX_SECRET_LENGTH = 4096;
  private static final String NEEDS_ADMIN = "managing clients needs the admin role";
  /** The secret that holds a client's Klaviyo API key; storing it connects the client to Klaviyo. */
  private static final String KLAVIYO_API_KEY = ProfileMarketingSources.apiKeySecret(MarketingBackend.KLAVIYO);
  private static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  private final ClientProfileStore profiles;
  private final SecretStore secrets;
  private final SecretBox box;
  private final Clock clock;
  private final AdminAudit audit;
  private final List<String> models;

  /**
   * {@code secrets} and {@code box} are both null when the gateway keeps no secrets; {@code models}
   * are the configured {@code provider/model} names a client's default model must be one of (when
   * none are configured, a default model is stored as given, for the day models are).
   */
  public ClientService(
      ClientProfileStore profiles, SecretStore secrets, SecretBox box, Clock clock, AdminAudit audit, List<String> models) {
    this.models = List.copyOf(models);
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
  public ClientView save(SaveClientCommand command) {
    Objects.requireNonNull(command, "command");
    Instant started = clock.instant();
    String clientKey = command.clientKey();
    ObjectNode target = Json.object().put("client_key", clientKey);
    audit.requireAdmin(command.admin(), command.requestId(), AdminAudit.CLIENT_SAVED, clientKey, target, NEEDS_ADMIN);
    Optional<ClientProfile> existing = profiles.find(clientKey);
    List<FieldError> errors = new ArrayList<>();
    String name = command.displayName() != null ? command.displayName().strip() : existing.map(ClientProfile::displayName).orElse(null);
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("/display_name", "a display name is required for a new client and must not be blank"));
    }
    command.secrets().forEach((secret, value) -> checkSecret(clientKey, secret, value, errors));
    command.secrets().forEach((secret, value) -> checkModelKey(clientKey, secret, value, errors));
    if (!command.secrets().isEmpty() && secrets == null) {
      errors.add(new FieldError("/secrets", "this gateway was built without a secret store"));
    }
    MarketingBackend backend =
        command.marketingBackend() != null
            ? command.marketingBackend()
            : command.secrets().containsKey(KLAVIYO_API_KEY)
                ? MarketingBackend.KLAVIYO
                : existing.map(ClientProfile::marketingBackend).orElse(MarketingBackend.NONE);
    String defaultModel = defaultModel(command, existing, errors);
    ClientProfile profile = null;
    if (errors.isEmpty()) {
      try {
        profile =
            new ClientProfile(
                clientKey,
                name,
                command.timeZone() != null ? command.timeZone() : existing.map(ClientProfile::timeZone).orElse(DEFAULT_ZONE),
                command.allowTools() != null ? command.allowTools() : existing.map(ClientProfile::allowTools).orElse(Set.of()),
                command.denyTools() != null ? command.denyTools() : existing.map(ClientProfile::denyTools).orElse(Set.of()),
                command.rateLimit() != null
                    ? command.rateLimit().orElse(null)
                    : existing.map(ClientProfile::rateLimit).orElse(null),
                backend,
                defaultModel);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidCommandException(
          "client '" + clientKey + "' was not saved (" + errors.size() + (errors.size() == 1 ? " problem)" : " problems)"),
          errors);
    }
    target.put("marketing_backend", backend.wireName()).put("created", existing.isEmpty());
    // Everything that can fail without writing (sealing included) is done before the first write.
    List<EncryptedSecret> sealed = new ArrayList<>();
    command.secrets().forEach((secret, value) -> sealed.add(box.seal(clientKey, secret, value, clock.instant())));
    // Secrets first, then the profile that references them: a crash in between leaves at worst a secret
    // no profile uses yet, never a Klaviyo-backed client without its key.
    sealed.forEach(secret -> store(command.admin(), secret, command.requestId()));
    profiles.upsert(profile);
    audit.succeeded(command.admin().keyId(), command.requestId(), started, AdminAudit.CLIENT_SAVED, clientKey, target);
    log.info("client {} saved by {} (marketing backend {})", clientKey, command.admin().keyId(), backend.wireName());
    return view(profile);
  }

  /** The default model to store: the configured {@code provider/model} the command names, or the one kept. */
  private String defaultModel(SaveClientCommand command, Optional<ClientProfile> existing, List<FieldError> errors) {
    if (command.defaultModel() == null) {
      return existing.map(ClientProfile::defaultModel).orElse(null);
    }
    String wanted = command.defaultModel().map(String::strip).orElse(null);
    if (wanted == null || models.isEmpty()) {
      return wanted;
    }
    Optional<String> chosen = ModelChoice.resolve(wanted, models);
    if (chosen.isEmpty()) {
      errors.add(new FieldError("/default_model", ModelChoice.unknown(wanted, models)));
    }
    return chosen.orElse(null);
  }

  @Override
  public void putSecret(Principal admin, String clientKey, String name, String value, String requestId) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    ObjectNode target = Json.object().put("client_key", clientKey).put("secret_name", name);
    audit.requireAdmin(admin, requestId, AdminAudit.SECRET_STORED, clientKey, target, NEEDS_ADMIN);
    if (secrets == null) {
      throw new IllegalStateException("this gateway was built without a secret store");
    }
    List<FieldError> errors = new ArrayList<>();
    checkSecret(clientKey, name, value, errors);
    checkModelKey(clientKey, name, value, errors);
    if (!errors.isEmpty()) {
      throw new InvalidCommandException(errors.get(0).message(), errors);
    }
    if (profiles.find(clientKey).isEmpty()) {
      throw new NotFoundException("there is no client '" + clientKey + "'");
    }
    store(admin, box.seal(clientKey, name, value, clock.instant()), requestId);
  }

  private void store(Principal admin, EncryptedSecret secret, String requestId) {
    Instant started = clock.instant();
    ObjectNode target = Json.object().put("client_key", secret.clientKey()).put("secret_name", secret.name());
    secrets.put(secret);
    audit.succeeded(admin.keyId(), requestId, started, AdminAudit.SECRET_STORED, secret.clientKey(), target);
    log.info("secret {} of client {} stored by {} (master key {})", secret.name(), secret.clientKey(), admin.keyId(), box.keyId());
  }

  /**
   * A client's own model key must be for a configured provider and of plausible length; like every
   * secret, its value is never quoted.
   */
  private void checkModelKey(String clientKey, String secret, String value, List<FieldError> errors) {
    String provider = ModelKeys.provider(secret);
    if (provider == null) {
      return;
    }
    List<String> providers = ModelKeys.configuredProviders(models);
    if (!providers.contains(provider)) {
      errors.add(
          new FieldError(
              "/model_api_keys/" + provider,
              "there is no configured model provider '" + provider + "' (configured: "
                  + (providers.isEmpty() ? "none" : String.join(", ", providers)) + ")"));
    } else if (value != null && value.strip().length() < ModelKeys.MIN_LENGTH) {
      errors.add(
          new FieldError(
              "/model_api_keys/" + provider,
              "the " + provider + " key of client '" + clientKey + "' is too short to be an API key (at least "
                  + ModelKeys.MIN_LENGTH + " characters; value not shown)"));
    }
  }

  /** The value is never quoted: a problem names the client and the secret only. */
  private static void checkSecret(String clientKey, String name, String value, List<FieldError> errors) {
    if (value == null || value.isBlank() || value.length() > MAX_SECRET_LENGTH
        || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      errors.add(
          new FieldError(
              "/" + name,
              "secret '" + name + "' of client '" + clientKey + "' must be 1-" + MAX_SECRET_LENGTH
                  + " characters without whitespace or control characters (value not shown)"));
    }
  }

  private ClientView view(ClientProfile profile) {
    return new ClientView(profile, secrets == null ? List.of() : secrets.names(profile.clientKey()));
  }
}
