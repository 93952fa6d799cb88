package dev.toolgate.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.toolgate.ports.llm.LanguageModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmAdapterModuleTest {

  @Test
  void bindsOneModelPerProviderByName() {
    LlmConfig groq = LlmConfig.custom().name("groq").kind(LlmConfig.Kind.OPENAI_COMPATIBLE)
        .baseUrl("https://api.groq.com/openai/v1").apiKey("gsk-test").defaultModel("llama-3.1-70b-versatile").build();
    LlmConfig claude = LlmConfig.custom().name("anthropic").kind(LlmConfig.Kind.ANTHROPIC)
        .apiKey("sk-ant-test").defaultModel("claude-haiku-5-5").build();

    Map<String, LanguageModel> models = Guice.createInjector(new LlmAdapterModule(List.of(groq, claude)))
        .getInstance(Key.get(new TypeLiteral<Map<String, LanguageModel>>() {}));

    assertThat(models).containsOnlyKeys("groq", "anthropic");
    assertThat(models.get("groq").provider()).isEqualTo("groq");
  }
}
