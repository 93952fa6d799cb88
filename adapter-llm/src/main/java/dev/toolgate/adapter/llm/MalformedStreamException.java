package dev.toolgate.adapter.llm;

/**
 * A provider's event stream broke its format (an event that is not JSON, or one the model library
 * could not read) or ended before its final event. Never leaves the adapter.
 */
final class MalformedStreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedStreamException(String message, Throwable cause) {
    super(message, cause);
  }
}
