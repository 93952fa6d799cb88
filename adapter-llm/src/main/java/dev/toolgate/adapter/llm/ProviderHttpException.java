package dev.toolgate.adapter.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/**
 * A provider answered with a non-2xx status. Extends LangChain4j's {@link HttpException} so its
 * models map it by status as usual, and adds what their JDK client drops: the wait the provider
 * asked for ({@code retry-after-ms}, {@code retry-after}, or Gemini's {@code RetryInfo} in the body).
 * Never leaves the adapter.
 */
final class ProviderHttpException extends HttpException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  ProviderHttpException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  /** The body the provider sent (its error JSON), possibly empty. */
  String body() {
    return getMessage() == null ? "" : getMessage();
  }

  /** The wait the provider asked for, or null when it gave none. */
  Duration retryAfter() {
    return retryAfter;
  }
}
