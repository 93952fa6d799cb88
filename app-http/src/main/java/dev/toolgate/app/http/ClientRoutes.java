package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.clients.ClientView;
import dev.toolgate.core.clients.ModelKeys;
import dev.toolgate.core.clients.SaveClientCommand;
import dev.toolgate.core.marketing.ProfileMarketingSources;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.marketing.MarketingAccount;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Client profiles: {@code GET /clients} lists them (never a secret; a client-scoped key sees its own),
 * and {@code PUT /admin/clients/{client_key}} creates or replaces one, optionally with its Klaviyo API
 * key, which is stored encrypted and never returned. The marketing backend is the one given, else
 * {@code klaviyo} when a Klaviyo key is given, else the client's current one ({@code none} for a new
 * client).
 */
final class ClientRoutes {
  private static final Set<String> FIELDS =
      Set.of("display_name", "time_zone", "marketing_backend", "allow_tools", "deny_tools", "rate_limit", "klaviyo_api_key",
          "default_model", "model_api_keys");
  private static final String KLAVIYO_KEY = ProfileMarketingSources.apiKeySecret(MarketingBackend.KLAVIYO);

  private final Toolgate toolgate;
  private final Authenticator auth;
  private final Requests requests;

  ClientRoutes(Toolgate toolgate, Authenticator auth, Requests requests) {
    this.toolgate = toolgate;
    this.auth = auth;
    this.requests = requests;
  }

  void register(RoutesConfig routes) {
    routes.get("/clients", this::list);
    routes.put("/admin/clients/{client_key}", this::put);
  }

  private void list(Context ctx) {
    Principal principal = auth.require(ctx);
    ObjectNode body = Json.object();
    ArrayNode clients = body.putArray("clients");
    toolgate.clients().list(principal).forEach(view -> clients.add(ChatViews.client(view)));
    Replies.ok(ctx, body);
  }

  /** Creates the client or changes the fields given; a field sent as null is cleared (rate_limit) or an error. */
  private void put(Context ctx) {
    Principal admin = auth.require(ctx);
    String clientKey = ctx.pathParam("client_key");
    ObjectNode body = requests.object(ctx, "invalid_request", false);
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError("/" + field, "unknown field '" + field + "'"));
      }
    });
    String apiKey = Requests.text(body, "klaviyo_api_key", errors);
    String name = Requests.text(body, "display_name", errors);
    ZoneId zone = null;
    String zoneText = Requests.text(body, "time_zone", errors);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        errors.add(new FieldError("/time_zone", "'" + zoneText + "' is not a time zone such as Europe/Berlin or UTC"));
      }
    }
    MarketingBackend backend = null;
    String backendText = Requests.text(body, "marketing_backend", errors);
    if (backendText != null) {
      try {
        backend = MarketingBackend.parse(backendText);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("/marketing_backend", e.getMessage()));
      }
    }
    Optional<RateLimitSpec> rateLimit = null;
    if (body.has("rate_limit")) {
      String rateText = Requests.text(body, "rate_limit", errors);
      rateLimit = Optional.empty();
      if (rateText != null) {
        try {
          rateLimit = Optional.of(RateLimitSpec.parse(rateText));
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("/rate_limit", e.getMessage()));
        }
      }
    }
    // Present and null clears the client's default model; absent keeps it.
    Optional<String> defaultModel = body.has("default_model")
        ? Optional.ofNullable(Requests.text(body, "default_model", errors))
        : null;
    Set<String> allow = body.has("allow_tools") ? toolNames(body, "allow_tools", errors) : null;
    Set<String> deny = body.has("deny_tools") ? toolNames(body, "deny_tools", errors) : null;
    if (apiKey != null) {
      try {
        new MarketingAccount(clientKey, apiKey);
      } catch (IllegalArgumentException e) {
        // The account's messages name the client, never the key.
        errors.add(new FieldError("/klaviyo_api_key", e.getMessage()));
      }
    }
    Map<String, String> secrets = new HashMap<>(modelKeys(body, errors));
    if (apiKey != null) {
      secrets.put(KLAVIYO_KEY, apiKey);
    }
    if (!errors.isEmpty()) {
      String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
      throw ApiException.invalid("invalid_request", "the client is invalid (" + count + ")", errors);
    }
    ClientView view =
        toolgate.clients().save(
            new SaveClientCommand(
                admin, clientKey, name, zone, backend, defaultModel, allow, deny, rateLimit,
                secrets,
                RequestLifecycle.requestId(ctx)));
    ObjectNode reply = Json.object();
    reply.set("client", ChatViews.client(view));
    Replies.send(ctx, new HttpReply(200, reply, Map.of("Cache-Control", "no-store")));
  }

  /**
   * {@code model_api_keys}: the client's own key per provider, e.g. {@code {"openai": "sk-…"}}, as
   * secrets by name; the service checks the provider and the value (which no message quotes).
   */
  private static Map<String, String> modelKeys(ObjectNode body, List<FieldError> errors) {
    JsonNode keys = body.get("model_api_keys");
    if (keys == null) {
      return Map.of();
    }
    if (!keys.isObject()) {
      errors.add(new FieldError("/model_api_keys", "must be an object of provider name to API key, e.g. {\"openai\": \"sk-...\"}"));
      return Map.of();
    }
    Map<String, String> secrets = new HashMap<>();
    keys.fields().forEachRemaining(entry -> {
      String provider = entry.getKey();
      if (!entry.getValue().isTextual()) {
        errors.add(new FieldError("/model_api_keys/" + provider, "must be the API key as a string"));
      } else if (!provider.matches("[a-z0-9_-]{1,40}")) {
        errors.add(new FieldError("/model_api_keys/" + provider, "a provider name is 1-40 lower-case letters, digits, '_' or '-'"));
      } else {
        secrets.put(ModelKeys.secretName(provider), entry.getValue().asText());
      }
    });
    return secrets;
  }

  /** A list of tool names as a set; absent means none, bad elements are reported by {@link Requests#strings}. */
  private static Set<String> toolNames(ObjectNode body, String field, List<FieldError> errors) {
    List<String> names = Requests.strings(body, field, errors);
    Set<String> result = new LinkedHashSet<>();
    if (names != null) {
      names.stream().filter(java.util.Objects::nonNull).forEach(result::add);
    }
    return result;
  }
}
