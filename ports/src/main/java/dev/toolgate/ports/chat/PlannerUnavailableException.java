package dev.toolgate.ports.chat;

import dev.toolgate.ports.UnavailableException;

/**
 * A planner's language model could not answer: the provider kept failing, refused the gateway's key,
 * or rejected the request. The turn cannot be planned; the message names the provider and why, never
 * a key. Faces answer 503: the asker did nothing wrong and may retry once the provider recovers.
 */
public class PlannerUnavailableException extends UnavailableException {
  private static final long serialVersionUID = 1L;

  public PlannerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
