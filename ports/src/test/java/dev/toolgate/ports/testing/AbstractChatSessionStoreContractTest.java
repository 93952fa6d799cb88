package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ToolLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ChatSessionStore}: every implementation's test extends this suite. Instants
 * are whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractChatSessionStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final JsonNode EVIDENCE =
      Json.parse(
          "{\"tools\":[{\"tool\":\"campaign_performance\",\"arguments\":{\"start\":\"2026-10-26\"},"
              + "\"cache_hit\":false}],\"range\":{\"label\":\"last week\"},\"sample_data\":true,\"ratio\":0.125}");

  private ChatSessionStore store;

  /** A new, empty store. {@code clock} is the suite's time source, for implementations that read the time themselves. */
  protected abstract ChatSessionStore newStore(Clock clock);

  /**
   * The same store after a restart. Persistent stores override this to close {@code store} and open
   * the same storage again; the default keeps the instance.
   */
  protected ChatSessionStore reopen(ChatSessionStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore(new MutableClock(T0));
  }

  private static ChatTurn turn(String sessionId, int seq, Instant at) {
    return new ChatTurn(
        "trn_" + sessionId + "_" + seq, sessionId, seq, "req_" + sessionId + "_" + seq, "key1", at,
        "summarize last week's campaign performance", "Last week 3 campaigns earned $1,234.50.",
        "campaign_summary", EVIDENCE);
  }

  private static ToolLog log(String requestId, int index) {
    return new ToolLog(
        requestId, index, "ses_1", "trn_1", "demo", "campaign_performance",
        Json.parse("{\"client_key\":\"demo\",\"start\":\"2026-10-26\",\"end\":\"2026-11-02\"}"),
        "ok", index % 2 == 1, 12 + index, T0.plusMillis(index),
        Json.parse("{\"campaigns\":[],\"totals\":{\"revenue\":\"0.00\"}}"));
  }

  @Test
  void findsCreatedSession() {
    ChatSession session = ChatSession.start("ses_1", "demo", T0);

    store.createSession(session);

    assertThat(store.findSession("ses_1")).contains(session);
    assertThat(store.findSession("ses_2")).isEmpty();
  }

  @Test
  void refusesSecondSessionWithSameId() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));

    assertThatThrownBy(() -> store.createSession(ChatSession.start("ses_1", "acme", T0.plusSeconds(1))))
        .isInstanceOf(ConflictException.class);
    assertThat(store.findSession("ses_1")).map(ChatSession::clientKey).contains("demo");
  }

  @Test
  void appendingTurnsCountsThemAndMovesLastActive() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));

    store.appendTurn(turn("ses_1", 1, T0.plusSeconds(5)));
    store.appendTurn(turn("ses_1", 2, T0.plusSeconds(9)));

    assertThat(store.findSession("ses_1"))
        .contains(new ChatSession("ses_1", "demo", T0, T0.plusSeconds(9), 2));
  }

  @Test
  void lastActiveNeverMovesBack() {
    store.createSession(ChatSession.start("ses_1", "demo", T0.plusSeconds(10)));

    store.appendTurn(turn("ses_1", 1, T0));

    assertThat(store.findSession("ses_1")).map(ChatSession::lastActiveAt).contains(T0.plusSeconds(10));
  }

  @Test
  void returnsTurnsOldestFirstWithEveryField() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));
    ChatTurn first = turn("ses_1", 1, T0.plusSeconds(1));
    ChatTurn second =
        new ChatTurn(
            "trn_2", "ses_1", 2, "req_2", "key2", T0.plusSeconds(2), "what can I ask?", "You can ask…", "help", null);

    store.appendTurn(first);
    store.appendTurn(second);

    assertThat(store.turns("ses_1", 10)).containsExactly(first, second);
    assertThat(store.turns("ses_1", 10).get(1).evidence()).isEqualTo(NullNode.getInstance());
  }

  @Test
  void limitKeepsTheNewestTurns() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));
    for (int seq = 1; seq <= 5; seq++) {
      store.appendTurn(turn("ses_1", seq, T0.plusSeconds(seq)));
    }

    assertThat(store.turns("ses_1", 2)).extracting(ChatTurn::seq).containsExactly(4, 5);
  }

  @Test
  void turnsOfUnknownSessionAreEmpty() {
    assertThat(store.turns("nobody", 5)).isEmpty();
  }

  @Test
  void keepsSessionsApart() {
    store.createSession(ChatSession.start("ses_a", "demo", T0));
    store.createSession(ChatSession.start("ses_b", "acme", T0));

    store.appendTurn(turn("ses_a", 1, T0));
    store.appendTurn(turn("ses_b", 1, T0));
    store.appendTurn(turn("ses_b", 2, T0));

    assertThat(store.turns("ses_a", 10)).extracting(ChatTurn::sessionId).containsExactly("ses_a");
    assertThat(store.findSession("ses_b")).map(ChatSession::turnCount).contains(2);
  }

  @Test
  void refusesTurnOfUnknownSession() {
    assertThatThrownBy(() -> store.appendTurn(turn("nobody", 1, T0))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void refusesTurnWhoseSeqIsTakenOrSkipsAheadAndChangesNothing() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));
    store.appendTurn(turn("ses_1", 1, T0.plusSeconds(1)));

    ChatTurn taken =
        new ChatTurn("trn_other", "ses_1", 1, "req_x", "key1", T0.plusSeconds(7), "q", "a", "help", null);
    assertThatThrownBy(() -> store.appendTurn(taken)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.appendTurn(turn("ses_1", 3, T0.plusSeconds(7))))
        .isInstanceOf(ConflictException.class);

    assertThat(store.findSession("ses_1"))
        .contains(new ChatSession("ses_1", "demo", T0, T0.plusSeconds(1), 1));
    assertThat(store.turns("ses_1", 10)).extracting(ChatTurn::id).containsExactly("trn_ses_1_1");
  }

  @Test
  void refusesTurnWhoseIdExists() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));
    store.createSession(ChatSession.start("ses_2", "demo", T0));
    store.appendTurn(turn("ses_1", 1, T0));
    ChatTurn sameId =
        new ChatTurn("trn_ses_1_1", "ses_2", 1, "req_y", "key1", T0, "q", "a", "help", null);

    assertThatThrownBy(() -> store.appendTurn(sameId)).isInstanceOf(ConflictException.class);
    assertThat(store.findSession("ses_2")).map(ChatSession::turnCount).contains(0);
  }

  @Test
  void ofConcurrentAppendersWithSameSeqExactlyOneWins() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));
    int threads = 8;

    List<Boolean> won =
        Race.run(
            threads,
            i -> {
              try {
                store.appendTurn(
                    new ChatTurn("trn_" + i, "ses_1", 1, "req_" + i, "key1", T0, "q", "a", "help", null));
                return true;
              } catch (ConflictException e) {
                return false;
              }
            });

    assertThat(won).filteredOn(w -> w).hasSize(1);
    assertThat(store.turns("ses_1", threads)).hasSize(1);
    assertThat(store.findSession("ses_1")).map(ChatSession::turnCount).contains(1);
  }

  @Test
  void returnsToolLogsOfOneRequestByIndexWithEveryField() {
    ToolLog second = log("req_1", 1);
    ToolLog first = log("req_1", 0);
    ToolLog failed =
        new ToolLog(
            "req_2", 0, "ses_1", "trn_2", "demo", "flow_performance", Json.object(), "rate_limited", false, 0,
            T0, null);

    store.appendToolLog(second);
    store.appendToolLog(first);
    store.appendToolLog(failed);

    assertThat(store.toolLogs("req_1")).containsExactly(first, second);
    assertThat(store.toolLogs("req_2")).containsExactly(failed);
    assertThat(store.toolLogs("req_3")).isEmpty();
  }

  @Test
  void refusesToolLogWithSameRequestAndIndex() {
    store.appendToolLog(log("req_1", 0));

    assertThatThrownBy(() -> store.appendToolLog(log("req_1", 0))).isInstanceOf(ConflictException.class);
    assertThat(store.toolLogs("req_1")).hasSize(1);
  }

  @Test
  void everythingSurvivesRestart() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));
    List<ChatTurn> turns = IntStream.rangeClosed(1, 3).mapToObj(seq -> turn("ses_1", seq, T0.plusSeconds(seq))).toList();
    turns.forEach(store::appendTurn);
    store.appendToolLog(log("req_1", 0));

    store = reopen(store);

    assertThat(store.findSession("ses_1"))
        .contains(new ChatSession("ses_1", "demo", T0, T0.plusSeconds(3), 3));
    assertThat(store.turns("ses_1", 10)).isEqualTo(turns);
    assertThat(store.toolLogs("req_1")).containsExactly(log("req_1", 0));
  }

  private static ChatTurn paused(String sessionId, int seq, Instant at) {
    ChatTurn plain = turn(sessionId, seq, at);
    return new ChatTurn(
        plain.id(), sessionId, seq, plain.requestId(), plain.keyId(), at, plain.question(),
        "This needs an approval.", ChatTurn.AWAITING_APPROVAL, Json.parse("{\"paused_for_approval\":\"apr_" + seq + "\"}"));
  }

  @Test
  void pausedTurnsAreTheAwaitingApprovalTurnsSinceAnInstantOldestFirst() {
    store.createSession(ChatSession.start("ses_1", "demo", T0));
    store.createSession(ChatSession.start("ses_2", "acme", T0));
    store.appendTurn(paused("ses_1", 1, T0.plusSeconds(1)));
    store.appendTurn(turn("ses_1", 2, T0.plusSeconds(2)));
    ChatTurn later = paused("ses_2", 1, T0.plusSeconds(5));
    ChatTurn earlier = paused("ses_1", 3, T0.plusSeconds(3));
    store.appendTurn(later);
    store.appendTurn(earlier);

    assertThat(store.pausedTurns(T0.plusSeconds(2), 10)).containsExactly(earlier, later);
    assertThat(store.pausedTurns(T0.plusSeconds(3), 1)).containsExactly(earlier);
    assertThat(store.pausedTurns(T0.plusSeconds(6), 10)).isEmpty();
    assertThat(reopen(store).pausedTurns(T0, 10)).extracting(ChatTurn::id)
        .containsExactly("trn_ses_1_1", "trn_ses_1_3", "trn_ses_2_1");
  }

  @Test
  void sessionsOfOneClientOldestFirst() {
    store.createSession(ChatSession.start("ses_b", "demo", T0.plusSeconds(2)));
    store.createSession(ChatSession.start("ses_x", "acme", T0.plusSeconds(1)));
    store.createSession(ChatSession.start("ses_a", "demo", T0.plusSeconds(3)));
    store.appendTurn(turn("ses_b", 1, T0.plusSeconds(4)));

    assertThat(store.sessionsOf("demo"))
        .containsExactly(
            new ChatSession("ses_b", "demo", T0.plusSeconds(2), T0.plusSeconds(4), 1),
            ChatSession.start("ses_a", "demo", T0.plusSeconds(3)));
    assertThat(store.sessionsOf("nobody")).isEmpty();
  }
}
