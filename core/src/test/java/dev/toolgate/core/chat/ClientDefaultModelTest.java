package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.clients.SaveClientCommand;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.chat.PlanningRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's default model: chosen when a message names none, checked against the configured models when saved. */
class ClientDefaultModelTest {
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");

  /** Two configured models; keeps the model each request asked for. */
  private static final class TwoModels implements Planner {
    final List<String> asked = new CopyOnWriteArrayList<>();

    @Override
    public List<String> models() {
      return List.of("openai/gpt-6-luna", "anthropic/claude-opus-5");
    }

    @Override
    public Plan plan(PlanningRequest request) {
      asked.add(String.valueOf(request.model()));
      return new Plan.Answer("Hello.", null);
    }
  }

  private final TwoModels planner = new TwoModels();
  private ChatFixture fixture;

  @BeforeEach
  void start() {
    fixture = new ChatFixture(NOW, null, GatewayConfig.defaults(), builder -> builder.planner(planner));
    fixture.client("demo", "UTC", MarketingBackend.NONE);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ClientProfile saveDefault(Optional<String> model) {
    return fixture.gateway.clients().save(
        new SaveClientCommand(ChatFixture.admin(), "demo", null, null, null, model, null, null, null, Map.of(), "req-save"))
        .profile();
  }

  private ChatOutcome chat(String model) {
    return fixture.gateway.chat().chat(
        new ChatCommand(ChatFixture.agent(), "demo", "hi", null, "req-" + System.nanoTime(), ChatEvents.NONE, model));
  }

  @Test
  void aMessageWithoutModelUsesTheClientsDefaultAndANamedModelStillWins() {
    chat(null);
    assertThat(saveDefault(Optional.of("claude-opus-5")).defaultModel())
        .as("stored by its full name").isEqualTo("anthropic/claude-opus-5");

    chat(null);
    chat("gpt-6-luna");

    assertThat(planner.asked).containsExactly("null", "anthropic/claude-opus-5", "openai/gpt-6-luna");
  }

  @Test
  void aDefaultModelThatIsNotConfiguredIsRefusedAtItsFieldAndNothingChanges() {
    assertThatThrownBy(() -> saveDefault(Optional.of("gemini-9")))
        .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
          assertThat(e.errors()).extracting(FieldError::field).containsExactly("/default_model");
          assertThat(e.errors().get(0).message()).contains("'gemini-9'", "openai/gpt-6-luna", "anthropic/claude-opus-5");
        });
    assertThat(fixture.gateway.clients().list(ChatFixture.admin()).get(0).profile().defaultModel()).isNull();
  }

  @Test
  void anEmptyDefaultClearsItAndAStaleOneFallsBackToTheGatewayDefault() {
    saveDefault(Optional.of("openai/gpt-6-luna"));
    assertThat(saveDefault(Optional.empty()).defaultModel()).isNull();
    // A default saved before the models were reconfigured: the chat still answers, with the gateway's default.
    fixture.clients.upsert(fixture.clients.find("demo").orElseThrow().withDefaultModel("mistral/retired"));

    assertThat(chat(null)).isInstanceOf(ChatOutcome.Answered.class);
    assertThat(planner.asked).containsExactly("null");
  }
}
