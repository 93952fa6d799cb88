package dev.toolgate.app.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits (bounded) until an upstream's tool is in the gateway's catalogue, for the upstream tests. */
final class UpstreamAwait {
  private UpstreamAwait() {}

  static void tool(TestGateway gateway, String key, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> names = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      names.clear();
      gateway.get("/mcp/tools", key).json().path("tools").forEach(t -> names.add(t.path("name").asText()));
      if (names.contains(name)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no tool " + name + " after 30 s; tools: " + names + "; upstreams: "
        + gateway.runtime.upstreams());
  }
}
