package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotency at the gateway for an upstream that knows nothing of it: 50 concurrent retries of one
 * upstream write with one key reach the upstream once ({@link MisbehavingUpstream}'s {@code write}
 * records every call that reaches it).
 */
class UpstreamIdempotencyIntegrationTest {
  private static final int CALLS = 50;

  @TempDir Path workDir;

  @Test
  void fiftyConcurrentRetriesWithOneKeyReachTheUpstreamOnce() throws Exception {
    Path state = workDir.resolve("state");
    Path servers = workDir.resolve("servers.json");
    Files.writeString(servers, "{\"mcpServers\": {" + UpstreamProcesses.misbehaving("up", state, "") + "}}");
    try (TestGateway gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_SERVERS", servers.toString()))) {
      String agent = gateway.createKey("agent", "agent").secret();
      UpstreamAwait.tool(gateway, agent, "up.write");
      String args = "{\"order\":\"A-7\",\"amount\":42}";

      List<Reply> replies = IntStream.range(0, CALLS)
          .mapToObj(i -> gateway.sendAsync(TestGateway.post(gateway.request("/tools/up.write", agent), args,
              "Idempotency-Key", "order-A-7")))
          .toList()
          .stream()
          .map(CompletableFuture::join)
          .toList();

      assertThat(Files.readAllLines(state.resolve("writes"))).containsExactly(args);
      // Every caller gets the one outcome, or is told the first call is still in progress.
      assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isIn(200, 409));
      List<Reply> succeeded = replies.stream().filter(r -> r.status() == 200).toList();
      assertThat(succeeded).isNotEmpty();
      assertThat(succeeded).filteredOn(r -> !r.json().path("idempotent_replay").asBoolean()).hasSize(1);
      Set<String> results = new HashSet<>();
      succeeded.forEach(r -> results.add(r.json().path("result").asText()));
      assertThat(results).containsExactly("written 1");
      replies.stream().filter(r -> r.status() == 409)
          .forEach(r -> assertThat(r.errorCode()).isEqualTo("idempotency_in_progress"));

      Reply later = gateway.post("/tools/up.write", agent, args, "Idempotency-Key", "order-A-7");
      assertThat(later.json().path("idempotent_replay").asBoolean()).as(later.raw()).isTrue();
      assertThat(later.json().path("result").asText()).isEqualTo("written 1");
      assertThat(Files.readAllLines(state.resolve("writes"))).hasSize(1);

      // Another key is another write.
      Reply other = gateway.post("/tools/up.write", agent, args, "Idempotency-Key", "order-A-8");
      assertThat(other.json().path("result").asText()).as(other.raw()).isEqualTo("written 2");
    }
  }
}
