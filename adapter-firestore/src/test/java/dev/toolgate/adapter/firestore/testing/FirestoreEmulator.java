package dev.toolgate.adapter.firestore.testing;

import dev.toolgate.adapter.firestore.FirestoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Google's Cloud Firestore emulator, run from its jar by this test JVM: started once (on a free
 * loopback port) when a test first asks for it, cleared between tests, and stopped by a shutdown
 * hook when the JVM ends. Only the process this class started is ever stopped.
 *
 * <p>The jar is the one of the Google Cloud SDK component {@code cloud-firestore-emulator} (Debian
 * package {@code google-cloud-cli-firestore-emulator}); {@code -Dtoolgate.firestoreEmulatorJar=…}
 * names another. Tests that need the emulator use {@link FirestoreEmulatorExtension}, which skips them
 * when it is not installed, unless {@code -Dtoolgate.requireFirestoreEmulator=true} (as CI sets) turns
 * that into a failure.
 */
public final class FirestoreEmulator {
  /** Set to {@code true} to fail instead of skipping when the emulator is not installed. */
  public static final String REQUIRE_PROPERTY = "toolgate.requireFirestoreEmulator";

  /** Names the emulator jar explicitly, instead of finding the installed one. */
  public static final String JAR_PROPERTY = "toolgate.firestoreEmulatorJar";

  /** The project the tests use; the emulator accepts any. */
  public static final String PROJECT_ID = "toolgate-it";

  static final String MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";
  static final String DEBIAN_PACKAGE = "google-cloud-cli-firestore-emulator";

  private static final List<Path> KNOWN_JARS =
      List.of(
          Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar"),
          Path.of("/usr/share/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar"),
          Path.of(System.getProperty("user.home"), "google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar"));
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static FirestoreEmulator shared;

  private final Process process;
  private final String host;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FirestoreEmulator(Process process, String host, Path log) {
    this.process = process;
    this.host = host;
    this.log = log;
  }

  /** Whether the emulator must be there: {@value #REQUIRE_PROPERTY} is {@code true}. */
  public static boolean required() {
    return Boolean.getBoolean(REQUIRE_PROPERTY);
  }

  /** What to tell a developer whose machine has no emulator: that, and how to install it. */
  public static String notInstalledMessage() {
    return "the Cloud Firestore emulator is not installed. Install it with 'gcloud components install"
        + " cloud-firestore-emulator' or the Debian package " + DEBIAN_PACKAGE + " (from Google's Cloud SDK"
        + " apt repository), or name its jar with -D" + JAR_PROPERTY + "=/path/to/cloud-firestore-emulator.jar";
  }

  /** The emulator jar installed on this machine, if any. */
  public static synchronized Optional<Path> installedJar() {
    String named = System.getProperty(JAR_PROPERTY);
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named)).filter(Files::isRegularFile);
    }
    return fromDebianPackage().or(() -> KNOWN_JARS.stream().filter(Files::isRegularFile).findFirst());
  }

  /** The emulator of this JVM, started on first use. Throws if it is not installed or does not start. */
  public static synchronized FirestoreEmulator shared() {
    if (shared == null) {
      Path jar = installedJar().orElseThrow(() -> new IllegalStateException(notInstalledMessage()));
      shared = start(jar);
      FirestoreEmulator started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "firestore-emulator-stop"));
    }
    return shared;
  }

  /** {@code 127.0.0.1:port}, as {@code FIRESTORE_EMULATOR_HOST} takes it. */
  public String host() {
    return host;
  }

  /** The default database of {@link #PROJECT_ID} on this emulator. */
  public FirestoreConfig config() {
    return FirestoreConfig.emulator(PROJECT_ID, host);
  }

  /** Deletes every document of {@code projectId}'s default database. */
  public void clear(String projectId) {
    URI uri = URI.create("http://" + host + "/emulator/v1/projects/" + projectId + "/databases/(default)/documents");
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri).DELETE());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("clearing the Firestore emulator answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Deletes every document of the tests' project. */
  public void clear() {
    clear(PROJECT_ID);
  }

  private static FirestoreEmulator start(Path jar) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int port = freePort();
    Path log;
    Process process;
    try {
      log = Files.createTempFile("firestore-emulator-", ".log");
      log.toFile().deleteOnExit();
      process =
          new ProcessBuilder(
                  java, "-Xmx512m", "-cp", jar.toString(), MAIN_CLASS, "start", "--host=127.0.0.1", "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Firestore emulator from " + jar + ": " + e.getMessage(), e);
    }
    FirestoreEmulator emulator = new FirestoreEmulator(process, "127.0.0.1:" + port, log);
    emulator.awaitReady();
    return emulator;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Firestore emulator exited with " + process.exitValue() + " before it was ready:\n" + logTail());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + host + "/")).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().strip().equals("Ok")) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while waiting for the Firestore emulator", e);
      }
      sleep(100);
    }
    stop();
    throw new IllegalStateException(
        "the Firestore emulator did not answer on " + host + " within " + START_TIMEOUT.toSeconds() + " s:\n" + logTail());
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("the Firestore emulator on " + host + " does not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to the Firestore emulator", e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no emulator log: " + e.getMessage() + ")";
    }
  }

  private static Optional<Path> fromDebianPackage() {
    try {
      Process dpkg = new ProcessBuilder("dpkg", "-L", DEBIAN_PACKAGE).redirectErrorStream(true).start();
      byte[] output;
      try (InputStream in = dpkg.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!dpkg.waitFor(10, TimeUnit.SECONDS) || dpkg.exitValue() != 0) {
        return Optional.empty();
      }
      List<Path> jars = new ArrayList<>();
      for (String line : new String(output, StandardCharsets.UTF_8).split("\\R")) {
        if (line.endsWith(".jar") && line.contains("cloud-firestore-emulator")) {
          jars.add(Path.of(line.strip()));
        }
      }
      return jars.stream().filter(Files::isRegularFile).findFirst();
    } catch (IOException noDpkg) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port for the Firestore emulator", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
