package dev.toolgate.app.http;

/**
 * The server could not start listening (the port is taken, the address is not this machine's, the
 * port needs privileges). {@link #getMessage()} is one plain sentence for the operator: what failed
 * and which setting to change.
 */
public final class ServerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
