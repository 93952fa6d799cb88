package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;

/**
 * The exceptions a failed workflow ends with. Both carry the same details (which steps ran, which
 * failed and why, which did not run, what was compensated, how to resume); they differ only in
 * whether trying again may help, so the gateway reports the right code.
 */
final class WorkflowFailure {
  private WorkflowFailure() {}

  static PortException of(String message, PortException cause, ObjectNode details) {
    return cause.retryable() ? new Interrupted(message, cause, details) : new Refused(message, details);
  }

  /** A step could not reach its worker (after retries): resumable with the same idempotency key. */
  static final class Interrupted extends UnavailableException {
    private static final long serialVersionUID = 1L;

    Interrupted(String message, Throwable cause, ObjectNode details) {
      super(message, cause, details);
    }
  }

  /** A step was refused (4xx or validation): the same call fails again until its cause is fixed. */
  static final class Refused extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    Refused(String message, ObjectNode details) {
      super(message, details);
    }
  }
}
