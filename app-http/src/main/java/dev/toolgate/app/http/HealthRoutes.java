package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.mcp.UpstreamStatus;
import dev.toolgate.ports.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Health endpoints for probes and for seed 003's {@code /health}; they need no key. */
final class HealthRoutes {
  /** The only paths answered without a key. */
  static final Set<String> PATHS = Set.of("/healthz", "/readyz", "/health");

  private final BooleanSupplier storeHealthy;
  private final Supplier<List<UpstreamStatus>> upstreams;
  private final FlowChatHealth flowchat;
  private final IntSupplier mcpSessions;

  HealthRoutes(
      BooleanSupplier storeHealthy,
      Supplier<List<UpstreamStatus>> upstreams,
      FlowChatHealth flowchat,
      IntSupplier mcpSessions) {
    this.storeHealthy = storeHealthy;
    this.upstreams = upstreams;
    this.flowchat = flowchat;
    this.mcpSessions = mcpSessions;
  }

  void register(RoutesConfig routes) {
    routes.get("/healthz", this::live);
    routes.get("/readyz", this::ready);
    routes.get("/health", this::health);
  }

  private void live(Context ctx) {
    Replies.ok(ctx, Json.object().put("status", "ok"));
  }

  // Readiness is the store's: an upstream MCP server that is down is retried and only its own tools
  // fail, so it is reported here without taking the whole gateway out of service.
  private void ready(Context ctx) {
    if (storeHealthy.getAsBoolean()) {
      ObjectNode body =
          Json.object().put("status", "ready").put("store", "ok").put("mcp_sessions", mcpSessions.getAsInt());
      addUpstreams(body);
      Replies.ok(ctx, body);
      return;
    }
    ObjectNode body = Json.object().put("status", "not_ready").put("store", "unavailable");
    addUpstreams(body);
    body.setAll(JsonViews.error("not_ready", "the store does not answer", null));
    Replies.send(ctx, 503, body);
  }

  private void addUpstreams(ObjectNode body) {
    List<UpstreamStatus> statuses = upstreams.get();
    if (statuses.isEmpty()) {
      return;
    }
    ArrayNode array = body.putArray("upstreams");
    statuses.forEach(status -> array.add(UpstreamViews.status(status)));
  }

  private void health(Context ctx) {
    ObjectNode body = Json.object().put("status", "ok").put("environment", flowchat.environment())
        .put("version", ToolgateVersion.current());
    body.putArray("features").add("tools").add("approvals").add("audit");
    flowchat.describe(body);
    Replies.ok(ctx, body);
  }
}
