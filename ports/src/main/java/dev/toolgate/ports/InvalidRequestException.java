package dev.toolgate.ports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The backing system refused the request as malformed or semantically invalid; the detail says why. */
public class InvalidRequestException extends PortException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }

  protected InvalidRequestException(String message, ObjectNode details) {
    super(message, null, details);
  }
}
