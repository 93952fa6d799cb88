package dev.toolgate.adapter.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * The LangChain4j chat models of one provider: one blocking, one streaming, both on
 * {@link ProviderHttpClient} and with LangChain4j's own retries off, so the adapter's policy is the
 * only one. Sampling parameters are not set here: the adapter puts the effective ones on every request.
 * Gemini keeps and echoes thought signatures ({@code returnThinking}/{@code sendThinking}): Gemini 3
 * refuses function calling without them. Thinking text itself is not passed to the caller.
 */
record ProviderModels(ChatModel blocking, StreamingChatModel streaming) {

  static ProviderModels of(LlmConfig config) {
    String url = config.baseUrl().toString();
    ProviderHttpClientBuilder http = new ProviderHttpClientBuilder();
    return switch (config.kind()) {
      case OPENAI_COMPATIBLE -> new ProviderModels(
          OpenAiChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(url)
              .apiKey(config.apiKey())
              .modelName(config.defaultModel())
              .timeout(config.timeout())
              .maxRetries(0)
              .build(),
          OpenAiStreamingChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(url)
              .apiKey(config.apiKey())
              .modelName(config.defaultModel())
              .timeout(config.timeout())
              .build());
      case ANTHROPIC -> new ProviderModels(
          AnthropicChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(url + "/")
              .apiKey(config.apiKey())
              .modelName(config.defaultModel())
              .timeout(config.timeout())
              .maxRetries(0)
              .build(),
          AnthropicStreamingChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(url + "/")
              .apiKey(config.apiKey())
              .modelName(config.defaultModel())
              .timeout(config.timeout())
              .build());
      case GEMINI -> new ProviderModels(
          GoogleAiGeminiChatModel.builder()
              .maxRetries(0)
              .httpClientBuilder(http)
              .baseUrl(url)
              .apiKey(config.apiKey())
              .modelName(config.defaultModel())
              .timeout(config.timeout())
              .returnThinking(true)
              .sendThinking(true)
              .build(),
          GoogleAiGeminiStreamingChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(url)
              .apiKey(config.apiKey())
              .modelName(config.defaultModel())
              .timeout(config.timeout())
              .returnThinking(true)
              .sendThinking(true)
              .build());
    };
  }
}
