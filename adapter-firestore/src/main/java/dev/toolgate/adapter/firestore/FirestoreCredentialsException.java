package dev.toolgate.adapter.firestore;

import dev.toolgate.ports.PortException;

/**
 * No usable Google credentials for Firestore: none found by Application Default Credentials, or the
 * credentials file cannot be read or is not Google credentials. The message names the file, never its
 * content. An app reports this as a settings problem: nothing will work until the operator fixes it.
 */
public final class FirestoreCredentialsException extends PortException {
  private static final long serialVersionUID = 1L;

  FirestoreCredentialsException(String message) {
    super(message);
  }

  FirestoreCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
