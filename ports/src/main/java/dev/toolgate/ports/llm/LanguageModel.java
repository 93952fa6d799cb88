package dev.toolgate.ports.llm;

/**
 * A chat model behind one configured provider (OpenAI or an OpenAI-compatible server, Anthropic,
 * Gemini). It proposes tool calls but never runs them: the caller runs each call through its own
 * guards and sends the result back as a {@link ModelMessage.ToolResult} in the next request.
 *
 * <p>Implementations are thread-safe: one instance serves concurrent requests.
 *
 * <p>Failures are port exceptions, never vendor ones:
 *
 * <ul>
 *   <li>{@link dev.toolgate.ports.UnavailableException} (retryable) when the provider kept answering
 *       429 or 5xx, timed out, could not be reached, or broke its stream, after the adapter's own
 *       retries;
 *   <li>{@link dev.toolgate.ports.InvalidRequestException} when the provider rejected the request as
 *       malformed (HTTP 400 and other 4xx except 401/403);
 *   <li>{@link ModelCredentialsException} when the provider refused the API key (401/403); never
 *       retried.
 * </ul>
 */
public interface LanguageModel {

  /** The configured provider name, e.g. {@code groq}, {@code anthropic}; never null. */
  String provider();

  /**
   * Sends one chat request and waits for the whole reply.
   *
   * <p>When {@link ModelRequest#streaming()} is true, text deltas reach {@code stream} in the order the
   * provider sent them, and each tool call once it is complete, all before this method returns; the
   * returned reply still holds the whole text and every tool call. When it is false, {@code stream}
   * is not called. Calls to {@code stream} come from one thread at a time, not necessarily the caller's.
   * A retry never happens after the first delta went to {@code stream}, so no delta is sent twice.
   *
   * @param request the request; not null
   * @param stream where deltas go; not null ({@link ModelStream#NONE} to ignore them)
   * @return the complete reply; never null
   */
  ModelReply chat(ModelRequest request, ModelStream stream);

  /**
   * The same provider, model and settings authenticating with another API key: a client's own key,
   * for requests made on that client's behalf. Building one sets up its own HTTP clients, so callers
   * keep the result rather than asking per request. The key is never logged or shown by the result.
   *
   * @param apiKey the key to send instead of the configured one; not blank
   * @return a model that sends {@code apiKey}; never null
   * @throws UnsupportedOperationException when this model cannot change its credential
   */
  default LanguageModel withApiKey(String apiKey) {
    throw new UnsupportedOperationException("the model provider '" + provider() + "' cannot use a client's own API key");
  }
}
