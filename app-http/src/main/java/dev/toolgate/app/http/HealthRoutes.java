package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/** Health endpoints for probes and for seed 003's {@code /health}; they need no key. */
final class HealthRoutes {
  static final String VERSION = readVersion();

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
    body.setAll(ErrorBody.of("not_ready", "the store does not answer", null));
    Replies.send(ctx, 503, body);
  }

  private void health(Context ctx) {
    ObjectNode body = Json.object().put("status", "ok").put("version", VERSION);
    body.putArray("features").add("tools").add("approvals").add("audit");
    Replies.ok(ctx, body);
  }

  private static String readVersion() {
    try (InputStream in = HealthRoutes.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
