package dev.toolgate.core.chat.model;

import dev.toolgate.ports.llm.LanguageModel;
import java.util.Objects;

/**
 * A model a question may be answered with: a provider's configured model and the provider's client.
 *
 * @param provider the provider's name as configured, e.g. {@code openai}, {@code groq}
 * @param model the model's name as the provider knows it, e.g. {@code gpt-6-luna}
 * @param languageModel the provider's client
 */
public record ConfiguredModel(String provider, String model, LanguageModel languageModel) {
  public ConfiguredModel {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(languageModel, "languageModel");
    if (provider.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException(
          "a configured model needs a provider and a model name, got '" + provider + "' and '" + model + "'");
    }
  }

  /** How a question names it: {@code provider/model}. */
  public String qualifiedName() {
    return provider + "/" + model;
  }
}
