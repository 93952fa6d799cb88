package dev.toolgate.core.call;

import java.util.Locale;

/** Why a call that got past every guard did not succeed; the stable code of a {@link ToolOutcome.Failed}. */
public enum FailureCode {
  /** The entity the call is about does not exist. */
  NOT_FOUND,
  /** The backing system refused the request (bad input for it, or a conflict with its state). */
  UPSTREAM_REJECTED,
  /** The backing system checked the data and found discrepancies (details list them). */
  VALIDATION_FAILED,
  /** The caller's key is scoped to another client than the one the call is about. */
  CLIENT_NOT_ALLOWED,
  /** The tool ran and reported an error in its own words (its result carries them). */
  TOOL_ERROR,
  /** The backing system could not be reached or failed; retryable. */
  UPSTREAM_UNAVAILABLE,
  /** The tool did not finish within the execution timeout; retryable. */
  TIMEOUT,
  /** The gateway could not start the call (shutting down or saturated); nothing ran; retryable. */
  UNAVAILABLE,
  /** A bug; the gateway log has details under the request id. */
  INTERNAL_ERROR,
  /**
   * An earlier attempt under the same idempotency key was cut off (the gateway stopped while it ran)
   * and may have had its effect; the tool cannot tell, so the call is not run again. The message
   * names the cut-off request and how an operator resolves the key.
   */
  OUTCOME_UNKNOWN;

  /** The lower-case wire code, e.g. {@code upstream_rejected}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The code for a wire name; throws naming the value when there is none. */
  public static FailureCode parse(String wireName) {
    for (FailureCode code : values()) {
      if (code.wireName().equals(wireName)) {
        return code;
      }
    }
    throw new IllegalArgumentException("unknown failure code '" + wireName + "'");
  }
}
