package dev.toolgate.core;

/**
 * The principal lacks the role an administrative operation needs (listing audit, managing keys…).
 * Tool calls never throw this: they return a {@code Denied} outcome instead.
 */
public final class ForbiddenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }
}
