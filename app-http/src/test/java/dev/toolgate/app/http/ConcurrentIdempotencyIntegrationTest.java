package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bar: 50 concurrent identical calls with one idempotency key create exactly one ticket. */
class ConcurrentIdempotencyIntegrationTest {
  private static final int CALLS = 50;

  @TempDir Path workDir;

  @Test
  void fiftyConcurrentCallsWithOneKeyCreateOneTicket() {
    try (TestGateway gateway = TestGateway.start(workDir)) {
      String agent = gateway.createKey("agent", "agent").secret();
      String args = "{\"customer_id\":\"cus_005\",\"subject\":\"Dashboard down for the whole team\",\"priority\":\"urgent\"}";
      int before = gateway.runtime.supportDesk().listTickets("cus_005", 1000).size();

      List<Reply> replies =
          IntStream.range(0, CALLS)
              .mapToObj(
                  i ->
                      gateway.sendAsync(
                          TestGateway.post(gateway.request("/tools/create_ticket", agent), args,
                              "Idempotency-Key", "incident-2026-07-01")))
              .toList()
              .stream()
              .map(CompletableFuture::join)
              .toList();

      assertThat(gateway.runtime.supportDesk().listTickets("cus_005", 1000)).hasSize(before + 1);
      assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isIn(200, 409));
      List<Reply> succeeded = replies.stream().filter(r -> r.status() == 200).toList();
      assertThat(succeeded).isNotEmpty();
      assertThat(succeeded).filteredOn(r -> !r.json().path("idempotent_replay").asBoolean()).hasSize(1);
      Set<String> ticketIds = new HashSet<>();
      succeeded.forEach(r -> ticketIds.add(r.json().path("result").path("ticket").path("id").asText()));
      assertThat(ticketIds).hasSize(1);
      replies.stream().filter(r -> r.status() == 409).forEach(r -> {
        assertThat(r.errorCode()).isEqualTo("idempotency_in_progress");
        assertThat(r.header("Retry-After")).isEqualTo("1");
      });

      Reply later =
          gateway.post("/tools/create_ticket", agent, args, "Idempotency-Key", "incident-2026-07-01");
      assertThat(later.json().path("idempotent_replay").asBoolean()).isTrue();
      assertThat(gateway.runtime.supportDesk().listTickets("cus_005", 1000)).hasSize(before + 1);
    }
  }
}
