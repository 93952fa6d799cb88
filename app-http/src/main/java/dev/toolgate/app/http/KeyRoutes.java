package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API-key management (admin only; the gateway refuses others with a 403). A new key's secret is in
 * the creation response and nowhere else, ever.
 */
final class KeyRoutes {
  private static final Set<String> FIELDS =
      Set.of("name", "roles", "client_key", "allow_tools", "deny_tools", "rate_limit");

  private final Toolgate toolgate;
  private final Authenticator auth;
  private final Requests requests;

  KeyRoutes(Toolgate toolgate, Authenticator auth, Requests requests) {
    this.toolgate = toolgate;
    this.auth = auth;
    this.requests = requests;
  }

  void register(RoutesConfig routes) {
    routes.post("/admin/keys", this::create);
    routes.get("/admin/keys", this::list);
    routes.delete("/admin/keys/{id}", this::revoke);
  }

  private void create(Context ctx) {
    Principal admin = auth.require(ctx);
    NewKey spec = newKey(requests.object(ctx, "invalid_request", false));
    IssuedKey issued = toolgate.keys().create(admin, spec, RequestLifecycle.requestId(ctx));
    ObjectNode body = Json.object();
    body.set("key", JsonViews.key(issued.key()));
    body.put("secret", issued.secret());
    body.put("note", "store the secret now: it is not kept and cannot be shown again");
    Replies.send(ctx, new HttpReply(201, body, Map.of("Cache-Control", "no-store")));
  }

  private void list(Context ctx) {
    Principal admin = auth.require(ctx);
    ObjectNode body = Json.object();
    ArrayNode keys = body.putArray("keys");
    toolgate.keys().list(admin).forEach(key -> keys.add(JsonViews.key(key)));
    Replies.ok(ctx, body);
  }

  private void revoke(Context ctx) {
    Principal admin = auth.require(ctx);
    String id = ctx.pathParam("id");
    boolean wasActive = toolgate.keys().revoke(admin, id, RequestLifecycle.requestId(ctx));
    ObjectNode body = Json.object();
    body.put("id", id);
    body.put("revoked", true);
    body.put("was_active", wasActive);
    Replies.ok(ctx, body);
  }

  /** Every problem with the body at once, each at its field. */
  private static NewKey newKey(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames().forEachRemaining(
        field -> {
          if (!FIELDS.contains(field)) {
            errors.add(new FieldError("/" + field, "unknown field '" + field + "'"));
          }
        });
    String name = Requests.text(body, "name", errors);
    if (!body.hasNonNull("name") || name != null && name.isBlank()) {
      errors.add(new FieldError("/name", "'name' is required and must not be blank"));
    }
    Set<Role> roles = new LinkedHashSet<>();
    List<String> roleNames = Requests.strings(body, "roles", errors);
    if (!body.hasNonNull("roles") || roleNames != null && roleNames.isEmpty()) {
      errors.add(new FieldError("/roles", "'roles' is required: a list of agent, operator, approver or admin"));
    } else if (roleNames != null) {
      for (int i = 0; i < roleNames.size(); i++) {
        if (roleNames.get(i) == null) {
          continue;
        }
        try {
          roles.add(Role.parse(roleNames.get(i)));
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("/roles/" + i, e.getMessage()));
        }
      }
    }
    // Whether it names a client is the use case's check (ApiKeyService), the same for the CLI.
    String clientKey = Requests.text(body, "client_key", errors);
    List<String> allow = Requests.strings(body, "allow_tools", errors);
    List<String> deny = Requests.strings(body, "deny_tools", errors);
    RateLimitSpec rateLimit = null;
    String rateText = Requests.text(body, "rate_limit", errors);
    if (rateText != null) {
      try {
        rateLimit = RateLimitSpec.parse(rateText);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("/rate_limit", e.getMessage()));
      }
    }
    if (errors.isEmpty()) {
      try {
        return new NewKey(
            name.strip(), roles, clientKey, allow == null ? Set.of() : Set.copyOf(allow),
            deny == null ? Set.of() : Set.copyOf(deny), rateLimit);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("", e.getMessage()));
      }
    }
    String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
    throw ApiException.invalid("invalid_request", "the key request is invalid (" + count + ")", errors);
  }
}
