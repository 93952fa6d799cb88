package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolgate.adapter.llm.LlmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model settings: the LLM platform's config.yaml, the providers' environment variables, and their problems. */
class LlmSettingsTest {
  private static final String GROQ_KEY = "gsk_test_0123456789abcdef";

  @TempDir Path dir;

  private Settings load(Map<String, String> env) {
    return Settings.load(env, dir);
  }

  private List<String> problems(Map<String, String> env) {
    return catchThrowableOfType(SettingsException.class, () -> load(env)).problems();
  }

  private Path yaml(String text) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static final String PLATFORM_FILE = """
      llm:
        active: "groq"
        providers:
          groq:
            api_key: "env:GROQ_API_KEY"
            model: "llama-3.1-70b-versatile"
            temperature: 0.7
            max_tokens: 4000
            top_p: 0.9
          anthropic:
            api_key: "env:ANTHROPIC_API_KEY"
            model: "claude-haiku-5-5"
      chat:
        service:
          streaming:
            enabled: true
          context:
            max_tokens: 4000
            reserve_tokens: 500
            preserve_recent: 5
          max_tool_hops: 6
      websocket:
        host: "localhost"
        port: 8000
      """;

  @Test
  void withoutAnyModelSettingTheChatStaysRuleBased() {
    Settings settings = load(Map.of());

    assertThat(settings.llm().enabled()).isFalse();
    assertThat(settings.gatewayConfig().chatMaxToolHops()).isEqualTo(8);
  }

  @Test
  void readsThePlatformsConfigFileFromMcpConfigPath() throws IOException {
    Path file = yaml(PLATFORM_FILE);

    Settings settings = load(Map.of("MCP_CONFIG_PATH", file.toString(), "GROQ_API_KEY", GROQ_KEY));

    LlmSettings llm = settings.llm();
    // Anthropic's key is not set: it is not offered, and that is no error since it is not the active one.
    assertThat(llm.providers()).extracting(LlmConfig::name).containsExactly("groq");
    LlmConfig groq = llm.providers().get(0);
    assertThat(groq.kind()).isEqualTo(LlmConfig.Kind.OPENAI_COMPATIBLE);
    assertThat(groq.baseUrl()).hasToString("https://api.groq.com/openai/v1");
    assertThat(groq.defaultModel()).isEqualTo("llama-3.1-70b-versatile");
    assertThat(groq.temperature()).isEqualTo(0.7);
    assertThat(groq.maxTokens()).isEqualTo(4000);
    assertThat(groq.topP()).isEqualTo(0.9);
    assertThat(groq.hasApiKey()).isTrue();
    assertThat(llm.streaming()).isTrue();
    assertThat(llm.contextMaxTokens()).isEqualTo(4000);
    assertThat(llm.reserveTokens()).isEqualTo(500);
    assertThat(llm.preserveRecent()).isEqualTo(5);
    assertThat(settings.gatewayConfig().chatMaxToolHops()).isEqualTo(6);
    assertThat(settings.toString()).doesNotContain(GROQ_KEY);
  }

  @Test
  void toolgatesOwnSettingNamesTheFileToo() throws IOException {
    Path file = yaml(PLATFORM_FILE);

    Settings settings = load(Map.of("TOOLGATE_LLM_CONFIG", file.toString(), "GROQ_API_KEY", GROQ_KEY,
        "ANTHROPIC_API_KEY", "sk-ant-test-123456"));

    assertThat(settings.llm().providers()).extracting(LlmConfig::name).containsExactly("groq", "anthropic");
  }

  @Test
  void failsFastNamingEachBadFieldOfTheFile() throws IOException {
    Path file = yaml("""
        llm:
          active: groq
          providers:
            groq:
              api_key: "env:GROQ_API_KEY"
              model: llama-3.1-70b-versatile
              temperature: 3.5
              frequency_penalty: 0.2
        chat:
          service:
            streaming:
              enabled: "sometimes"
        """);

    List<String> problems = problems(Map.of("MCP_CONFIG_PATH", file.toString()));

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("llm.providers.groq.frequency_penalty: unknown setting"));
    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("llm.providers.groq.temperature: must be between 0 and 2, got 3.5"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("llm.providers.groq.api_key: names environment variable GROQ_API_KEY, which is not set"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("chat.service.streaming.enabled: must be true or false"));
  }

  @Test
  void anActiveProviderThatIsNotConfiguredIsAProblem() throws IOException {
    Path file = yaml("llm:\n  active: openai\n  providers:\n    groq:\n      api_key: x\n      model: m\n");

    assertThat(problems(Map.of("MCP_CONFIG_PATH", file.toString())))
        .containsExactly("llm.active: must name one of llm.providers (groq), got 'openai'");
  }

  @Test
  void anOpenAiKeyAloneConfiguresOpenAiWithItsDefaultModel() {
    LlmSettings llm = load(Map.of("OPENAI_API_KEY", "sk-test-123456789")).llm();

    assertThat(llm.providers()).singleElement().satisfies(openai -> {
      assertThat(openai.name()).isEqualTo("openai");
      assertThat(openai.baseUrl()).hasToString("https://api.openai.com/v1");
      assertThat(openai.defaultModel()).isEqualTo("gpt-6-luna");
    });
  }

  @Test
  void aLocalOpenAiCompatibleServerNeedsAModelButNoKey() {
    Map<String, String> env = new HashMap<>(Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1"));

    assertThat(problems(env)).singleElement().satisfies(p -> assertThat(p).startsWith("TOOLGATE_LLM_MODEL: is required"));

    env.put("TOOLGATE_LLM_MODEL", "llama3.2");
    LlmConfig ollama = load(env).llm().providers().get(0);
    assertThat(ollama.defaultModel()).isEqualTo("llama3.2");
    assertThat(ollama.hasApiKey()).isFalse();
  }

  @Test
  void everyProvidersKeyOffersItsModelTheFirstBeingTheDefault() {
    LlmSettings llm = load(Map.of("GROQ_API_KEY", GROQ_KEY, "GOOGLE_API_KEY", "AIza-test-123456",
        "TOOLGATE_LLM_MODEL", "llama-3.3-70b-versatile", "DEBUG_TOKENS", "1")).llm();

    assertThat(llm.providers()).extracting(LlmConfig::name).containsExactly("groq", "gemini");
    assertThat(llm.providers()).extracting(LlmConfig::defaultModel)
        .containsExactly("llama-3.3-70b-versatile", "gemini-3.5-flash");
    assertThat(llm.debugTokens()).isTrue();
  }

  @Test
  void theModelSeesTheFullCatalogueUnlessTheFileOrTheEnvironmentSaysCompact() throws IOException {
    Path file = yaml(PLATFORM_FILE.replace("max_tool_hops: 6", "max_tool_hops: 6\n    catalog: compact"));

    assertThat(load(Map.of("GROQ_API_KEY", GROQ_KEY)).llm().compactCatalogue()).isFalse();
    assertThat(load(Map.of("MCP_CONFIG_PATH", file.toString(), "GROQ_API_KEY", GROQ_KEY)).llm().compactCatalogue()).isTrue();
    assertThat(load(Map.of("GROQ_API_KEY", GROQ_KEY, "TOOLGATE_CHAT_CATALOG", "compact")).llm().compactCatalogue()).isTrue();
    assertThat(load(Map.of("MCP_CONFIG_PATH", file.toString(), "GROQ_API_KEY", GROQ_KEY, "TOOLGATE_CHAT_CATALOG", "full"))
        .llm().compactCatalogue()).as("the variable wins over the file").isFalse();
    assertThat(problems(Map.of("GROQ_API_KEY", GROQ_KEY, "TOOLGATE_CHAT_CATALOG", "tiny")))
        .containsExactly("TOOLGATE_CHAT_CATALOG: expected 'full' or 'compact', got 'tiny'");
  }

  @Test
  void aProviderMayBeLeftToClientsOwnKeysInTheFileOrTheEnvironment() throws IOException {
    Path file = yaml("llm:\n  active: anthropic\n  providers:\n    anthropic:\n      api_key: client\n");

    LlmConfig fromFile = load(Map.of("MCP_CONFIG_PATH", file.toString())).llm().providers().get(0);
    LlmConfig fromEnv = load(Map.of("OPENAI_API_KEY", "client")).llm().providers().get(0);

    assertThat(fromFile.name()).isEqualTo("anthropic");
    assertThat(fromFile.clientKeysOnly()).isTrue();
    assertThat(fromFile.hasApiKey()).isFalse();
    assertThat(fromEnv.name()).isEqualTo("openai");
    assertThat(fromEnv.clientKeysOnly()).isTrue();
    assertThat(fromEnv.hasApiKey()).isFalse();
  }

  @Test
  void theModelsRepliesStreamWhenTheVariableOrTheFileSaysSo() throws IOException {
    Path file = yaml(PLATFORM_FILE);

    assertThat(load(Map.of("GROQ_API_KEY", GROQ_KEY)).llm().streaming()).isFalse();
    assertThat(load(Map.of("GROQ_API_KEY", GROQ_KEY, "TOOLGATE_CHAT_STREAMING", "1")).llm().streaming()).isTrue();
    assertThat(load(Map.of("MCP_CONFIG_PATH", file.toString(), "GROQ_API_KEY", GROQ_KEY, "TOOLGATE_CHAT_STREAMING", "0"))
        .llm().streaming()).as("the variable wins over the file's enabled: true").isFalse();
    assertThat(problems(Map.of("GROQ_API_KEY", GROQ_KEY, "TOOLGATE_CHAT_STREAMING", "yes")))
        .containsExactly("TOOLGATE_CHAT_STREAMING: must be 1 or 0, got 'yes'");
  }
}
