package dev.toolgate.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmConfigTest {

  @Test
  void reportsEveryProblemAtOnceUnderItsField() {
    assertThatThrownBy(() -> LlmConfig.custom()
            .name("groq")
            .kind(LlmConfig.Kind.OPENAI_COMPATIBLE)
            .baseUrl("https://api.groq.com/openai/v1")
            .defaultModel("llama-3.1-70b-versatile")
            .temperature(3.5)
            .maxTokens(0)
            .topP(1.5)
            .maxRetries(-1)
            .build())
        .isInstanceOfSatisfying(LlmConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "llm.providers.groq.api_key: is required for an active provider (set it, e.g. \"env:GROQ_API_KEY\"),"
                + " unless base_url points at a local server, or \"client\" when every client brings its own key",
            "llm.providers.groq.temperature: must be between 0 and 2, got 3.5",
            "llm.providers.groq.max_tokens: must be greater than 0, got 0",
            "llm.providers.groq.top_p: must be between 0 and 1, got 1.5",
            "llm.providers.groq.max_retries: must be between 0 and 10, got -1"))
        .hasMessageContaining("llm.providers.groq.temperature: must be between 0 and 2, got 3.5");
  }

  @Test
  void namesMissingKindModelAndBadUrl() {
    assertThatThrownBy(() -> LlmConfig.custom().name("x").apiKey("k").baseUrl("ftp://host/v1").build())
        .isInstanceOfSatisfying(LlmConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "llm.providers.x.kind: is required (openai-compatible, anthropic or gemini)",
            "llm.providers.x.base_url: must be an absolute http(s) URL with a host and no query, got 'ftp://host/v1'",
            "llm.providers.x.model: is required (the default model), got none"));
  }

  @Test
  void inactiveProviderOrLocalServerNeedsNoKey() {
    LlmConfig inactive = LlmConfig.custom().name("openai").kind(LlmConfig.Kind.OPENAI_COMPATIBLE)
        .active(false).defaultModel("gpt-6-luna").build();
    assertThat(inactive.baseUrl()).hasToString("https://api.openai.com/v1");
    LlmConfig ollama = LlmConfig.custom().name("ollama").kind(LlmConfig.Kind.OPENAI_COMPATIBLE)
        .baseUrl("http://localhost:11434/v1/").defaultModel("llama3.2").build();
    assertThat(ollama.baseUrl()).hasToString("http://localhost:11434/v1");
    assertThat(ollama.hasApiKey()).isFalse();
  }

  @Test
  void neverShowsTheKey() {
    LlmConfig config = LlmConfig.custom().name("anthropic").kind(LlmConfig.Kind.ANTHROPIC)
        .apiKey("sk-ant-secret-123").defaultModel("claude-haiku-5-5").timeout(Duration.ofSeconds(9)).build();
    assertThat(config.toString()).doesNotContain("sk-ant-secret-123").contains("apiKey=***");
    assertThat(config.hasApiKey()).isTrue();
  }

  @Test
  void kindsAreSpelledAsInConfigFiles() {
    assertThat(LlmConfig.Kind.fromConfigName("openai-compatible")).isEqualTo(LlmConfig.Kind.OPENAI_COMPATIBLE);
    assertThat(LlmConfig.Kind.fromConfigName("gemini")).isEqualTo(LlmConfig.Kind.GEMINI);
    assertThat(LlmConfig.Kind.fromConfigName("groq")).isNull();
  }

  @Test
  void aProviderForClientsOwnKeysNeedsNoServerKeyButMayNotHaveOneToo() {
    LlmConfig clients = LlmConfig.custom().name("anthropic").kind(LlmConfig.Kind.ANTHROPIC)
        .defaultModel("claude-haiku-5-5").clientKeysOnly(true).build();

    assertThat(clients.clientKeysOnly()).isTrue();
    assertThat(clients.hasApiKey()).isFalse();
    assertThat(clients.toString()).contains("apiKey=client");
    assertThatThrownBy(() -> LlmConfig.custom().name("anthropic").kind(LlmConfig.Kind.ANTHROPIC)
            .defaultModel("claude-haiku-5-5").clientKeysOnly(true).apiKey("sk-ant-server-123").build())
        .isInstanceOfSatisfying(LlmConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "llm.providers.anthropic.api_key: is both a key and \"client\" (clients' own keys only); give one of them"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-ant-server-123"));
  }
}
