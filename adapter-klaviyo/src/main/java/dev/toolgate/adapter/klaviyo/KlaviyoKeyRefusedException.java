package dev.toolgate.adapter.klaviyo;

import dev.toolgate.ports.marketing.MarketingCredentialsException;

/**
 * Klaviyo answered 401 or 403. Keeps the status and the parsed body: a JSON 403 from an endpoint whose
 * scope is optional (accounts) is not fatal, while a CDN's HTML 403 or any 401 is.
 */
final class KlaviyoKeyRefusedException extends MarketingCredentialsException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ErrorBody errors;

  KlaviyoKeyRefusedException(String clientKey, String message, int status, ErrorBody errors) {
    super(clientKey, message);
    this.status = status;
    this.errors = errors;
  }

  /** A 403 in Klaviyo's own JSON envelope: the key works but lacks a scope. */
  boolean missingScope() {
    return status == 403 && errors != null && !errors.items().isEmpty();
  }
}
