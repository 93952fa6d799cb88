package dev.toolgate.adapter.llm;

import dev.langchain4j.exception.TimeoutException;
import dev.toolgate.adapter.llm.AttemptFailure.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;

/**
 * Reads what LangChain4j threw (its mapped exceptions wrap the HTTP failure) and classifies it.
 * Messages quote the provider's error text, which never holds the key.
 */
final class FailureClassifier {
  private FailureClassifier() {}

  static AttemptFailure classify(Throwable thrown) {
    if (thrown instanceof AttemptFailure already) {
      return already;
    }
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProviderHttpException http) {
        return fromStatus(http);
      }
      if (t instanceof MalformedStreamException malformed) {
        return new AttemptFailure(Kind.MALFORMED, 0, null, malformed.getMessage(), malformed);
      }
      if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
        return new AttemptFailure(Kind.TRANSIENT, 0, null, "timed out", t);
      }
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        Throwable io = t instanceof UncheckedIOException u ? u.getCause() : t;
        return new AttemptFailure(
            Kind.TRANSIENT, 0, null, "connection failed (" + io.getClass().getSimpleName() + ")", t);
      }
    }
    return new AttemptFailure(
        Kind.OTHER, 0, null,
        "the model library failed: " + thrown.getClass().getSimpleName() + ": " + ErrorText.snippet(thrown.getMessage()),
        thrown);
  }

  private static AttemptFailure fromStatus(ProviderHttpException http) {
    int status = http.statusCode();
    String body = http.body();
    String what = "HTTP " + status + " " + ErrorText.snippet(body);
    if (status == 401 || status == 403 || (status == 400 && body.contains("API_KEY_INVALID"))) {
      return new AttemptFailure(Kind.CREDENTIALS, status, null, what, http);
    }
    if (status == 429 && body.contains("insufficient_quota")) {
      return new AttemptFailure(Kind.QUOTA, status, null, what, http);
    }
    if (status == 429 || status == 408 || status >= 500) {
      return new AttemptFailure(Kind.TRANSIENT, status, http.retryAfter(), what, http);
    }
    return new AttemptFailure(Kind.REJECTED, status, null, what, http);
  }
}
