package dev.toolgate.app.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.toolgate.adapter.llm.LlmAdapterModule;
import dev.toolgate.adapter.llm.LlmConfig;
import dev.toolgate.core.chat.model.ConfiguredModel;
import dev.toolgate.core.chat.model.ModelPlanner;
import dev.toolgate.core.chat.model.ModelPlannerConfig;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.llm.LanguageModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The chat's model planner when {@link LlmSettings} configure a model: one {@link LanguageModel} per
 * provider (from {@link LlmAdapterModule}), the active provider's model as the default. Without a
 * model nothing is bound and the gateway keeps its rule-based planner.
 */
final class LlmModule extends AbstractModule {
  private final LlmSettings llm;

  LlmModule(LlmSettings llm) {
    this.llm = Objects.requireNonNull(llm, "llm");
  }

  @Override
  protected void configure() {
    OptionalBinder<Planner> planner = OptionalBinder.newOptionalBinder(binder(), Planner.class);
    bind(LlmSettings.class).toInstance(llm);
    // Declared even when empty: the planner's provider below needs the map to exist to be checked.
    MapBinder.newMapBinder(binder(), String.class, LanguageModel.class);
    if (llm.enabled()) {
      install(new LlmAdapterModule(llm.providers()));
      planner.setBinding().to(ModelPlanner.class);
    }
  }

  @Provides
  @Singleton
  ModelPlanner modelPlanner(Map<String, LanguageModel> models) {
    if (llm.debugTokens()
        && LoggerFactory.getLogger(ModelPlanner.TOKENS_LOGGER) instanceof Logger tokens) {
      tokens.setLevel(Level.DEBUG);
    }
    List<ConfiguredModel> configured = llm.providers().stream()
        .map(config -> new ConfiguredModel(config.name(), config.defaultModel(), models.get(config.name()),
            config.clientKeysOnly() && !config.hasApiKey()))
        .toList();
    LlmConfig active = llm.providers().get(0);
    ModelPlannerConfig config = ModelPlannerConfig.defaults()
        .withStreaming(llm.streaming())
        .withContext(llm.contextMaxTokens(), llm.reserveTokens(), llm.preserveRecent())
        .withCompactCatalogue(llm.compactCatalogue());
    return new ModelPlanner(configured, config, LlmAdapterModule.tokenCounter(active.defaultModel()));
  }
}
