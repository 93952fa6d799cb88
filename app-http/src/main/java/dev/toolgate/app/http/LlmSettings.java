package dev.toolgate.app.http;

import dev.toolgate.adapter.llm.LlmConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The language models the chat may use, read from the LLM platform's {@code config.yaml} shape
 * ({@code llm.active}, {@code llm.providers.<name>}, {@code chat.service.*}; file from
 * {@code TOOLGATE_LLM_CONFIG} or {@code MCP_CONFIG_PATH}) or, without a file, from the providers' own
 * environment variables ({@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}, {@code GROQ_API_KEY},
 * {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY} or {@code GOOGLE_API_KEY}; {@code TOOLGATE_LLM_MODEL}
 * picks the model). No provider means the rule-based planner, as without this feature.
 *
 * @param providers the usable providers, the active one first; empty when no model is configured
 * @param streaming {@code chat.service.streaming.enabled}, or {@code TOOLGATE_CHAT_STREAMING} (which wins)
 * @param contextMaxTokens {@code chat.service.context.max_tokens}
 * @param reserveTokens {@code chat.service.context.reserve_tokens}
 * @param preserveRecent {@code chat.service.context.preserve_recent}
 * @param maxToolHops {@code chat.service.max_tool_hops}, or null for the gateway's default
 * @param source the file read, or null when the environment alone configured the models
 * @param debugTokens {@code DEBUG_TOKENS=1}: log each model call's token counts (never the prompt)
 * @param compactCatalogue {@code chat.service.catalog: compact} (or {@code TOOLGATE_CHAT_CATALOG}): the
 *     model sees the compact catalogue's search, describe and call tools instead of every tool
 */
public record LlmSettings(
    List<LlmConfig> providers,
    boolean streaming,
    int contextMaxTokens,
    int reserveTokens,
    int preserveRecent,
    Integer maxToolHops,
    Path source,
    boolean debugTokens,
    boolean compactCatalogue) {

  /** The platform's context defaults, used when a file leaves them out or none is read. */
  static final int DEFAULT_CONTEXT_MAX_TOKENS = 8000;
  static final int DEFAULT_RESERVE_TOKENS = 1000;
  static final int DEFAULT_PRESERVE_RECENT = 10;

  public LlmSettings {
    providers = List.copyOf(Objects.requireNonNull(providers, "providers"));
  }

  /** No model: the chat plans with rules. */
  public static LlmSettings none() {
    return new LlmSettings(List.of(), false, DEFAULT_CONTEXT_MAX_TOKENS, DEFAULT_RESERVE_TOKENS,
        DEFAULT_PRESERVE_RECENT, null, null, false, false);
  }

  /** The same settings, logging token counts or not. */
  LlmSettings withDebugTokens(boolean value) {
    return new LlmSettings(providers, streaming, contextMaxTokens, reserveTokens, preserveRecent, maxToolHops, source,
        value, compactCatalogue);
  }

  /** The same settings, the model's replies streamed or not. */
  LlmSettings withStreaming(boolean value) {
    return new LlmSettings(providers, value, contextMaxTokens, reserveTokens, preserveRecent, maxToolHops, source,
        debugTokens, compactCatalogue);
  }

  /** The same settings, the model seeing the compact catalogue or every tool. */
  LlmSettings withCompactCatalogue(boolean value) {
    return new LlmSettings(providers, streaming, contextMaxTokens, reserveTokens, preserveRecent, maxToolHops, source,
        debugTokens, value);
  }

  /** Whether a model plans the chat. */
  public boolean enabled() {
    return !providers.isEmpty();
  }
}
