package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.testing.InMemoryIdempotencyStore;
import dev.toolgate.ports.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatReplaysTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final ChatReplays replays = new ChatReplays(store, clock);

  @Test
  void aFinishedRequestIsReplayedForItsKeyUntilRetentionEnds() {
    assertThat(replays.claim("k1", "r")).isInstanceOf(ChatReplays.Claimed.class);
    assertThat(replays.claim("k1", "r")).isInstanceOf(ChatReplays.InFlight.class);
    assertThat(replays.claim("k2", "r")).as("another key's id").isInstanceOf(ChatReplays.Claimed.class);

    ObjectNode complete = StreamMessages.processing("r").put("status", "complete");
    replays.finish("k1", "r", complete);

    assertThat(replays.claim("k1", "r")).isEqualTo(new ChatReplays.Done(complete));
    assertThat(new ChatReplays(store, clock).claim("k1", "r"))
        .as("another instance on the same store").isEqualTo(new ChatReplays.Done(complete));
    clock.advance(ChatReplays.RETENTION);
    assertThat(replays.claim("k1", "r")).isInstanceOf(ChatReplays.Claimed.class);
  }

  @Test
  void aRetryableFailureIsNotKeptSoTheSameIdMayBeTriedAgain() {
    replays.claim("k1", "r");
    replays.finish("k1", "r", StreamMessages.error("r", 503, "unavailable", "retry shortly"));

    assertThat(replays.claim("k1", "r")).isInstanceOf(ChatReplays.Claimed.class);

    replays.finish("k1", "r", StreamMessages.error("r", 404, "unknown_client", "no such client"));
    assertThat(replays.claim("k1", "r")).isInstanceOf(ChatReplays.Done.class);
  }

  @Test
  void aTurnCutOffByAStoppedServerIsAnsweredOutcomeUnknownNeverRunAgain() {
    replays.claim("k1", "r");
    clock.advance(ChatReplays.LEASE);

    ChatReplays.Claim claim = replays.claim("k1", "r");

    assertThat(claim).isInstanceOf(ChatReplays.Done.class);
    ObjectNode message = ((ChatReplays.Done) claim).message();
    assertThat(message.path("error").path("code").asInt()).isEqualTo(409);
    assertThat(message.path("error").path("reason").asText()).isEqualTo("request_outcome_unknown");
    assertThat(replays.claim("k1", "r")).as("kept for later repeats").isEqualTo(claim);
  }
}
