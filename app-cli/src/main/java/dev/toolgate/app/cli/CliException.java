package dev.toolgate.app.cli;

/**
 * A command cannot go on; {@code getMessage()} is printed on stderr and the CLI exits with
 * {@link #exitCode()} (one of {@link ExitCodes}).
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
