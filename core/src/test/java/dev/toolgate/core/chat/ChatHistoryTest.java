package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.chat.ChatTurn;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ChatUseCase#history}: a session's turns for export, for readers of the right client only. */
class ChatHistoryTest {
  private final ChatFixture fixture = new ChatFixture(Instant.parse("2026-03-11T10:00:00Z"), null);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void givesEveryTurnOfTheSessionOldestFirst() {
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);
    String session = fixture.answer("demo", "summarize last week's campaign performance").sessionId();
    fixture.answer("demo", "top 3 campaigns by revenue last month", session);
    fixture.answer("demo", "how did our flows do in the last 30 days?", session);

    List<ChatTurn> turns = fixture.gateway.chat().history(ChatFixture.admin(), session);

    assertThat(turns).extracting(ChatTurn::seq).containsExactly(1, 2, 3);
    assertThat(turns.get(0).question()).isEqualTo("summarize last week's campaign performance");
    assertThat(turns).allSatisfy(turn -> assertThat(turn.sessionId()).isEqualTo(session));
  }

  @Test
  void needsTheOperatorRoleAndHidesOtherClientsSessions() {
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);
    String session = fixture.answer("demo", "summarize last week's campaign performance").sessionId();
    Principal operatorOfOther =
        new Principal("op2", "operator", Set.of(Role.OPERATOR), "other", Set.of(), Set.of(), null);
    Principal operatorOfDemo =
        new Principal("op3", "operator", Set.of(Role.OPERATOR), "demo", Set.of(), Set.of(), null);

    assertThatThrownBy(() -> fixture.gateway.chat().history(ChatFixture.agent(), session))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> fixture.gateway.chat().history(operatorOfOther, session))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> fixture.gateway.chat().history(ChatFixture.admin(), "ses_unknown"))
        .isInstanceOf(NotFoundException.class);
    assertThat(fixture.gateway.chat().history(operatorOfDemo, session)).hasSize(1);
  }

  @Test
  void theSessionsOwnClientReadsItAndAnotherClientGetsTheSameNotFoundAsAnUnknownId() {
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);
    String session = fixture.answer("demo", "summarize last week's campaign performance").sessionId();
    Principal demoAgent = new Principal("ag2", "agent", Set.of(Role.AGENT), "demo", Set.of(), Set.of(), null);
    Principal otherAgent = new Principal("ag3", "agent", Set.of(Role.AGENT), "other", Set.of(), Set.of(), null);

    assertThat(fixture.gateway.chat().history(demoAgent, session)).hasSize(1);
    Throwable other = org.assertj.core.api.Assertions.catchThrowable(
        () -> fixture.gateway.chat().history(otherAgent, session));
    Throwable unknown = org.assertj.core.api.Assertions.catchThrowable(
        () -> fixture.gateway.chat().history(otherAgent, "ses_unknown"));
    assertThat(other).isInstanceOf(NotFoundException.class);
    assertThat(other.getMessage()).isEqualTo(unknown.getMessage().replace("ses_unknown", session));
  }

  @Test
  void aClientsHistorySpansItsSessionsInTimeOrderForOperatorsOfThatClientOnly() {
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);
    fixture.client("other", "UTC", MarketingBackend.SAMPLE);
    String first = fixture.answer("demo", "summarize last week's campaign performance").sessionId();
    fixture.clock.advance(java.time.Duration.ofMinutes(1));
    String second = fixture.answer("demo", "top 3 campaigns by revenue last month").sessionId();
    fixture.clock.advance(java.time.Duration.ofMinutes(1));
    fixture.answer("demo", "how did our flows do in the last 30 days?", first);
    fixture.answer("other", "summarize last week's campaign performance");
    Instant start = Instant.parse("2026-03-11T10:00:00Z");
    Principal operatorOfOther =
        new Principal("op2", "operator", Set.of(Role.OPERATOR), "other", Set.of(), Set.of(), null);

    List<ChatTurn> all = fixture.gateway.chat().clientHistory(ChatFixture.admin(), "demo", null, null);
    List<ChatTurn> window =
        fixture.gateway.chat().clientHistory(ChatFixture.admin(), "demo", start.plusSeconds(60), start.plusSeconds(120));

    assertThat(all).extracting(ChatTurn::sessionId).containsExactly(first, second, first);
    assertThat(window).extracting(ChatTurn::sessionId).containsExactly(second);
    assertThatThrownBy(() -> fixture.gateway.chat().clientHistory(ChatFixture.agent(), "demo", null, null))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> fixture.gateway.chat().clientHistory(operatorOfOther, "demo", null, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> fixture.gateway.chat().clientHistory(ChatFixture.admin(), "nobody", null, null))
        .isInstanceOf(NotFoundException.class);
  }
}
