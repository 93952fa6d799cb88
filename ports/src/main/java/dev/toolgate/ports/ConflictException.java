package dev.toolgate.ports;

/** The operation contradicts the stored state (a duplicate id, a transition that is no longer allowed). */
public class ConflictException extends PortException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
