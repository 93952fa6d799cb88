package dev.toolgate.ports;

/**
 * The caller is scoped to one client (tenant) and asked for another's data. Not retryable: the same
 * key never may.
 */
public class ClientScopeException extends PortException {
  private static final long serialVersionUID = 1L;

  public ClientScopeException(String message) {
    super(message);
  }
}
