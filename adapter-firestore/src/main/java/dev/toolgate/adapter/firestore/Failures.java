package dev.toolgate.adapter.firestore;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.firestore.FirestoreException;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Translates what the Firestore client throws into the ports' exceptions, so that nothing
 * vendor-specific crosses a port: the gRPC status decides the kind (ALREADY_EXISTS is a conflict,
 * UNAVAILABLE or DEADLINE_EXCEEDED may succeed later…), and the message says what was being done.
 */
final class Failures {
  private Failures() {}

  static PortException translate(Throwable thrown, String what, Duration timeout) {
    Throwable error = unwrap(thrown);
    if (error instanceof PortException port) {
      return port;
    }
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new UnavailableException("interrupted while " + what, error);
    }
    if (error instanceof TimeoutException || error instanceof CancellationException) {
      return new UnavailableException(
          "Firestore did not answer within " + timeout.toSeconds() + " s while " + what, error);
    }
    Status.Code code = code(error);
    if (code == null) {
      if (error instanceof IllegalStateException && String.valueOf(error.getMessage()).contains("closed")) {
        return new UnavailableException("Firestore client closed while " + what, error);
      }
      return new PortException("Firestore failed while " + what + ": " + error, error);
    }
    String detail = "Firestore answered " + code + " while " + what + ": " + description(error);
    return switch (code) {
      case ALREADY_EXISTS -> new ConflictException(detail);
      case NOT_FOUND -> new NotFoundException(detail);
      case ABORTED -> new UnavailableException(detail + " (too much contention; try again)", error);
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED, INTERNAL, UNKNOWN ->
          new UnavailableException(detail, error);
      case INVALID_ARGUMENT, OUT_OF_RANGE -> new InvalidRequestException(detail);
      case UNAUTHENTICATED ->
          new PortException(detail + " (the credentials were not accepted: check GOOGLE_APPLICATION_CREDENTIALS"
              + " or Application Default Credentials)", error);
      case PERMISSION_DENIED ->
          new PortException(detail + " (the credentials' principal needs the Cloud Datastore User role"
              + " on the project)", error);
      case FAILED_PRECONDITION ->
          // Firestore says so when a query needs an index that is not built; its message links to it.
          new PortException(detail, error);
      default -> new PortException(detail, error);
    };
  }

  /** The failure itself, without the future wrappers around it. */
  private static Throwable unwrap(Throwable thrown) {
    Throwable error = thrown;
    while ((error instanceof ExecutionException || error instanceof java.util.concurrent.CompletionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    // A port exception of ours inside a wrapper must come out as it was thrown.
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof PortException) {
        return cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return error;
  }

  static Status.Code code(Throwable thrown) {
    Throwable error = unwrap(thrown);
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof FirestoreException firestore && firestore.getStatus() != null) {
        return firestore.getStatus().getCode();
      }
      if (cause instanceof ApiException api) {
        return Status.Code.valueOf(api.getStatusCode().getCode().name());
      }
      if (cause instanceof StatusRuntimeException grpc) {
        return grpc.getStatus().getCode();
      }
      if (cause instanceof StatusException grpc) {
        return grpc.getStatus().getCode();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /** Firestore's own words: the gRPC status description, and the lowest cause (e.g. a refused connection). */
  private static String description(Throwable error) {
    String description = null;
    Throwable root = error;
    for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (description == null) {
        description = statusDescription(cause);
      }
      root = cause;
    }
    if (description == null) {
      description = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
    return root == error || root.getMessage() == null || description.contains(root.getMessage())
        ? description
        : description + " (" + root.getMessage() + ")";
  }

  private static String statusDescription(Throwable cause) {
    Status status = null;
    if (cause instanceof FirestoreException firestore) {
      status = firestore.getStatus();
    } else if (cause instanceof StatusRuntimeException grpc) {
      status = grpc.getStatus();
    } else if (cause instanceof StatusException grpc) {
      status = grpc.getStatus();
    }
    return status == null ? null : status.getDescription();
  }
}
