package dev.toolgate.core.chat.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.chat.PlanningRequest;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelStream;
import dev.toolgate.ports.llm.TokenCounter;
import dev.toolgate.ports.testing.ScriptedLanguageModel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which credential each model call uses: the client's own key when it has one, else the server's. */
class ModelPlannerClientKeysTest {
  private final ScriptedLanguageModel script = new ScriptedLanguageModel("openai");
  /** The key each call was made with ("server" for the configured one), in order. */
  private final List<String> usedKeys = new CopyOnWriteArrayList<>();
  private final List<String> built = new CopyOnWriteArrayList<>();
  private final Map<String, String> stored = new ConcurrentHashMap<>();

  /** A model that notes its key on every call and answers from the shared script. */
  private final class Keyed implements LanguageModel {
    private final String key;

    Keyed(String key) {
      this.key = key;
    }

    @Override
    public String provider() {
      return "openai";
    }

    @Override
    public LanguageModel withApiKey(String apiKey) {
      built.add(apiKey);
      return new Keyed(apiKey);
    }

    @Override
    public ModelReply chat(ModelRequest request, ModelStream stream) {
      usedKeys.add(key);
      return script.chat(request, stream);
    }
  }

  private final ModelPlanner planner =
      new ModelPlanner(
          List.of(new ConfiguredModel("openai", "gpt-6-luna", new Keyed("server"))),
          ModelPlannerConfig.defaults(),
          TokenCounter.ROUGH,
          (client, provider) -> Optional.ofNullable(stored.get(client + "/" + provider)));

  private void ask(String clientKey) {
    script.thenAnswer("Hello.", 10, 2);
    planner.plan(
        new PlanningRequest("hi", Instant.parse("2026-11-05T14:30:00Z"), ZoneId.of("UTC"), List.of(), List.of(),
            List.of(), ChatEvents.NONE, null, clientKey));
  }

  @Test
  void aClientsOwnKeyIsUsedForItsProviderKeptWhileUnchangedAndRebuiltWhenRotated() {
    stored.put("acme/openai", "sk-acme-1");

    ask("acme");
    ask("acme");
    ask("globex");
    ask(null);
    stored.put("acme/openai", "sk-acme-2");
    ask("acme");
    stored.remove("acme/openai");
    ask("acme");

    assertThat(usedKeys).containsExactly("sk-acme-1", "sk-acme-1", "server", "server", "sk-acme-2", "server");
    assertThat(built).as("one model per key, not per call").containsExactly("sk-acme-1", "sk-acme-2");
  }

  @Test
  void aPlannerWithoutClientKeysAlwaysUsesTheServersKey() {
    ModelPlanner plain =
        new ModelPlanner(List.of(new ConfiguredModel("openai", "gpt-6-luna", new Keyed("server"))),
            ModelPlannerConfig.defaults(), TokenCounter.ROUGH);
    script.thenAnswer("Hello.", 10, 2);

    plain.plan(new PlanningRequest("hi", Instant.parse("2026-11-05T14:30:00Z"), ZoneId.of("UTC"), List.of(), List.of(),
        List.of(), ChatEvents.NONE, null, "acme"));

    assertThat(usedKeys).containsExactly("server");
    assertThat(built).isEmpty();
  }
}
