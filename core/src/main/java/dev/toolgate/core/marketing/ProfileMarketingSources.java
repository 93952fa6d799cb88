package dev.toolgate.core.marketing;

import dev.toolgate.core.secret.SecretBox;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import dev.toolgate.ports.marketing.MarketingCredentialsException;
import dev.toolgate.ports.secret.EncryptedSecret;
import dev.toolgate.ports.secret.SecretStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes each client by its profile's {@link MarketingBackend}: SAMPLE clients to the sample data,
 * others to the analytics registered for their backend with the API key stored (encrypted) as the
 * secret {@code <backend>_api_key}, e.g. {@code klaviyo_api_key}. The key is decrypted per call and
 * handed only to the analytics.
 */
public final class ProfileMarketingSources implements MarketingSources {
  private final ClientProfileStore clients;
  private final Map<MarketingBackend, MarketingAnalytics> backends;
  private final SecretStore secrets;
  private final SecretBox box;

  /**
   * @param backends the analytics of each backend; SAMPLE must be among them for sample clients
   * @param secrets where API keys are stored, or null when none are (then only SAMPLE works)
   * @param box decrypts them; null exactly when {@code secrets} is
   */
  public ProfileMarketingSources(
      ClientProfileStore clients,
      Map<MarketingBackend, MarketingAnalytics> backends,
      SecretStore secrets,
      SecretBox box) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.backends = backends.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(backends));
    if ((secrets == null) != (box == null)) {
      throw new IllegalArgumentException("a secret store and a secret box go together; got only one of them");
    }
    this.secrets = secrets;
    this.box = box;
  }

  /** The name under which a backend's API key is stored, e.g. {@code klaviyo_api_key}. */
  public static String apiKeySecret(MarketingBackend backend) {
    return backend.wireName() + "_api_key";
  }

  @Override
  public Source forClient(String clientKey) {
    ClientProfile profile =
        clients.find(clientKey).orElseThrow(() -> new NotFoundException("there is no client '" + clientKey + "'"));
    MarketingBackend backend = profile.marketingBackend();
    if (backend == MarketingBackend.NONE) {
      throw new InvalidRequestException(
          "client '" + clientKey + "' has no marketing account connected; add one with"
              + " `toolgate clients add " + clientKey + " --klaviyo-key-file FILE`");
    }
    MarketingAnalytics analytics = backends.get(backend);
    if (analytics == null) {
      throw new InvalidRequestException(
          "client '" + clientKey + "' uses the " + backend.wireName() + " marketing backend, which this gateway"
              + " was not set up with");
    }
    if (backend == MarketingBackend.SAMPLE) {
      return new Source(analytics, new MarketingAccount(clientKey, "sample"), profile.timeZone());
    }
    String name = apiKeySecret(backend);
    Optional<EncryptedSecret> stored = secrets == null ? Optional.empty() : secrets.find(clientKey, name);
    if (stored.isEmpty()) {
      throw new MarketingCredentialsException(
          clientKey,
          "client '" + clientKey + "' has no " + backend.wireName() + " API key stored; add it with"
              + " `toolgate clients add " + clientKey + " --" + backend.wireName() + "-key-file FILE`");
    }
    return new Source(analytics, new MarketingAccount(clientKey, box.open(stored.get())), profile.timeZone());
  }
}
