package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.FirestoreException;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static PortException translate(Status status) {
    return Failures.translate(
        new ExecutionException(FirestoreException.forServerRejection(status, "rejected")), "reading x", TIMEOUT);
  }

  @Test
  void mapsEachStatusToThePortExceptionOfItsKind() {
    assertThat(translate(Status.ALREADY_EXISTS)).isExactlyInstanceOf(ConflictException.class);
    assertThat(translate(Status.NOT_FOUND)).isExactlyInstanceOf(NotFoundException.class);
    assertThat(translate(Status.INVALID_ARGUMENT)).isExactlyInstanceOf(InvalidRequestException.class);
    for (Status retryable : new Status[] {Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED, Status.ABORTED, Status.RESOURCE_EXHAUSTED}) {
      assertThat(translate(retryable)).as(retryable.getCode().name())
          .isExactlyInstanceOf(UnavailableException.class)
          .satisfies(e -> assertThat(e.retryable()).isTrue());
    }
    assertThat(translate(Status.FAILED_PRECONDITION)).isExactlyInstanceOf(PortException.class);
  }

  @Test
  void saysWhatWasBeingDoneAndWhatFirestoreAnswered() {
    assertThat(translate(Status.UNAVAILABLE)).hasMessageContaining("UNAVAILABLE").hasMessageContaining("reading x");
    assertThat(translate(Status.UNAUTHENTICATED)).hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
    assertThat(translate(Status.PERMISSION_DENIED)).hasMessageContaining("Cloud Datastore User");
  }

  @Test
  void treatsATimeoutAsUnavailable() {
    assertThat(Failures.translate(new TimeoutException(), "reading x", TIMEOUT))
        .isExactlyInstanceOf(UnavailableException.class)
        .hasMessageContaining("within 30 s while reading x");
  }

  @Test
  void letsPortExceptionsThroughUnchanged() {
    NotFoundException ours = new NotFoundException("no customer with id 'cus_9'");

    assertThat(Failures.translate(new ExecutionException(ours), "opening a ticket", TIMEOUT)).isSameAs(ours);
  }
}
