package dev.toolgate.adapter.klaviyo;

import dev.toolgate.ports.InvalidRequestException;

/**
 * Klaviyo answered 400: the request was invalid and repeating it cannot help. Keeps the parsed error
 * body so the adapter can react to particular errors (an ineligible conversion metric).
 */
final class KlaviyoRejectedException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorBody errors;

  KlaviyoRejectedException(String message, ErrorBody errors) {
    super(message);
    this.errors = errors;
  }

  ErrorBody errors() {
    return errors;
  }
}
