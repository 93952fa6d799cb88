package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.BooleanSupplier;

/** Health endpoints for probes and for seed 003's {@code /health}; they need no key. */
final class HealthRoutes {
  private final BooleanSupplier storeHealthy;

  HealthRoutes(BooleanSupplier storeHealthy) {
    this.storeHealthy = storeHealthy;
  }

  void register(RoutesConfig routes) {
    routes.get("/healthz", this::live);
    routes.get("/readyz", this::ready);
    routes.get("/health", this::health);
  }

  private void live(Context ctx) {
    Replies.ok(ctx, Json.object().put("status", "ok"));
  }

  private void ready(Context ctx) {
    if (storeHealthy.getAsBoolean()) {
      Replies.ok(ctx, Json.object().put("status", "ready").put("store", "ok"));
      return;
    }
    ObjectNode body = Json.object().put("status", "not_ready").put("store", "unavailable");
    body.setAll(JsonViews.error("not_ready", "the store does not answer", null));
    Replies.send(ctx, 503, body);
  }

  private void health(Context ctx) {
    ObjectNode body = Json.object().put("status", "ok").put("version", ToolgateVersion.current());
    body.putArray("features").add("tools").add("approvals").add("audit");
    Replies.ok(ctx, body);
  }
}
