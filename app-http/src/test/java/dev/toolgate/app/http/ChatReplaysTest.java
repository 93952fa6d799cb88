package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChatReplaysTest {
  private Instant now = Instant.parse("2026-03-01T12:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final ChatReplays replays = new ChatReplays(clock);

  @Test
  void aFinishedRequestIsReplayedForItsKeyUntilRetentionEnds() {
    assertThat(replays.claim("k1", "r")).isInstanceOf(ChatReplays.Claimed.class);
    assertThat(replays.claim("k1", "r")).isInstanceOf(ChatReplays.InFlight.class);
    assertThat(replays.claim("k2", "r")).as("another key's id").isInstanceOf(ChatReplays.Claimed.class);

    ObjectNode complete = StreamMessages.processing("r").put("status", "complete");
    replays.finish("k1", "r", complete);

    assertThat(replays.claim("k1", "r")).isEqualTo(new ChatReplays.Done(complete));
    now = now.plus(ChatReplays.RETENTION);
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
}
