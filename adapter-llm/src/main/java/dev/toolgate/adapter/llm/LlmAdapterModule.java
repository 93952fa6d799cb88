package dev.toolgate.adapter.llm;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.TokenCounter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Contributes one {@link LanguageModel} per configured provider to the
 * {@code Map<String, LanguageModel>} multibinding, keyed by provider name ({@code groq},
 * {@code anthropic}, …), so the app can pick the active one and a client's per-message choice.
 *
 * <p>Building a model does no I/O; nothing is sent to a provider until a chat request. The price table
 * (shipped, plus the config's {@code pricesFile}) is read here, once per provider.
 */
public final class LlmAdapterModule extends AbstractModule {
  private final List<LlmConfig> providers;

  public LlmAdapterModule(List<LlmConfig> providers) {
    this.providers = List.copyOf(Objects.requireNonNull(providers, "providers"));
  }

  /** A model on {@code config}'s provider, for use without Guice. Thread-safe; keep one per provider. */
  public static LanguageModel languageModel(LlmConfig config) {
    return new LangChain4jLanguageModel(config, PriceTable.load(config.pricesFile()));
  }

  /**
   * The price the adapter charges {@code model} at on {@code config}'s provider (its own row, else its
   * vendor's); empty when the table has none, and the model's replies then have no cost.
   */
  public static Optional<LlmPrice> price(LlmConfig config, String model) {
    return PriceTable.load(config.pricesFile()).find(config.name(), config.kind().vendor(), model)
        .map(p -> new LlmPrice(p.provider(), p.model(), p.inputPerMillion(), p.outputPerMillion(), p.asOf(), p.source()));
  }

  /** Counts tokens with the tokenizer the adapter estimates {@code model}'s usage with (JTokkit). */
  public static TokenCounter tokenCounter(String model) {
    return text -> TokenEstimator.count(model, text);
  }

  @Override
  protected void configure() {
    MapBinder<String, LanguageModel> models = MapBinder.newMapBinder(binder(), String.class, LanguageModel.class);
    for (LlmConfig config : providers) {
      models.addBinding(config.name()).toInstance(languageModel(config));
    }
  }
}
