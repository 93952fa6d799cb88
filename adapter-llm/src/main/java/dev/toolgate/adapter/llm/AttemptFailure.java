package dev.toolgate.adapter.llm;

import java.time.Duration;

/**
 * Why one attempt failed, classified once so that the retry decision and the port exception agree.
 * Never leaves the adapter.
 */
final class AttemptFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, and so what may be done about it. */
  enum Kind {
    /** 429 (rate limit), 408, 5xx (529 included), a timeout or a lost connection: worth repeating. */
    TRANSIENT,
    /** 401, 403, or Gemini's 400 API_KEY_INVALID: the key is wrong. */
    CREDENTIALS,
    /** Any other 4xx: the request itself is wrong. */
    REJECTED,
    /** 429 insufficient_quota: billing, not a rate; repeating does not help. */
    QUOTA,
    /** The stream broke its format or ended early. */
    MALFORMED,
    /** The caller's stream sink threw. */
    SINK,
    /** Anything else the model library threw. */
    OTHER
  }

  private final Kind kind;
  private final int status;
  private final transient Duration retryAfter;

  AttemptFailure(Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when none arrived. */
  int status() {
    return status;
  }

  /** The wait the provider asked for, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
