package dev.toolgate.adapter.firestore.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that run against the Firestore emulator: starts the JVM's {@link FirestoreEmulator}
 * before the class and clears the tests' project before each test (so every test starts from an
 * empty database, before its own {@code @BeforeEach} methods run). Without an installed emulator the
 * class is skipped with a message saying how to install it, or fails if
 * {@value FirestoreEmulator#REQUIRE_PROPERTY} is {@code true}.
 */
public final class FirestoreEmulatorExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (FirestoreEmulator.required() || FirestoreEmulator.installedJar().isPresent()) {
      return ConditionEvaluationResult.enabled("the Firestore emulator is installed or required");
    }
    String reason =
        "Firestore integration tests skipped: " + FirestoreEmulator.notInstalledMessage() + ". (CI runs with -D"
            + FirestoreEmulator.REQUIRE_PROPERTY + "=true, which makes this a failure.)";
    if (WARNED.compareAndSet(false, true)) {
      System.err.println("WARNING: " + reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (FirestoreEmulator.installedJar().isEmpty()) {
      throw new IllegalStateException(
          "-D" + FirestoreEmulator.REQUIRE_PROPERTY + "=true, but " + FirestoreEmulator.notInstalledMessage());
    }
    FirestoreEmulator.shared();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    FirestoreEmulator.shared().clear();
  }
}
