package dev.toolgate.core.chat.model;

import dev.toolgate.ports.llm.LanguageModel;
import java.util.Objects;

/**
 * A model a question may be answered with: a provider's configured model and the provider's client.
 *
 * @param provider the provider's name as configured, e.g. {@code openai}, {@code groq}
 * @param model the model's name as the provider knows it, e.g. {@code gpt-6-luna}
 * @param languageModel the provider's client
 * @param clientKeyRequired whether the gateway has no key for the provider: only clients that stored
 *     their own may use it
 */
public record ConfiguredModel(String provider, String model, LanguageModel languageModel, boolean clientKeyRequired) {
  public ConfiguredModel {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(languageModel, "languageModel");
    if (provider.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException(
          "a configured model needs a provider and a model name, got '" + provider + "' and '" + model + "'");
    }
  }

  /** A model on the gateway's own key (or a local server that needs none). */
  public ConfiguredModel(String provider, String model, LanguageModel languageModel) {
    this(provider, model, languageModel, false);
  }

  /** How a question names it: {@code provider/model}. */
  public String qualifiedName() {
    return provider + "/" + model;
  }
}
