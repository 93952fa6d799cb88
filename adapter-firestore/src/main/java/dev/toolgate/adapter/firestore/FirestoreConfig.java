package dev.toolgate.adapter.firestore;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Firestore database the adapter uses and how it authenticates.
 *
 * <p>Against Google Cloud, credentials come from {@code credentialsFile} (a service-account or other
 * Google credentials JSON file) when given, otherwise from Application Default Credentials (the
 * metadata server on Google Cloud, or {@code gcloud auth application-default login} on a
 * workstation). Against the emulator ({@code emulatorHost} set) no credentials are used and
 * {@code credentialsFile} is ignored. The apps read these from {@code GOOGLE_CLOUD_PROJECT},
 * {@code TOOLGATE_FIRESTORE_DATABASE}, {@code FIRESTORE_EMULATOR_HOST} and
 * {@code GOOGLE_APPLICATION_CREDENTIALS}.
 *
 * @param projectId the Google Cloud project, e.g. {@code acme-toolgate-prod}; not null
 * @param databaseId the Firestore database of that project, {@code (default)} unless the project has
 *     several; not null
 * @param emulatorHost {@code host:port} of a Firestore emulator, or null for Google Cloud
 * @param credentialsFile a Google credentials JSON file, or null for Application Default Credentials
 */
public record FirestoreConfig(String projectId, String databaseId, String emulatorHost, Path credentialsFile) {
  /** The database every project has. */
  public static final String DEFAULT_DATABASE = "(default)";

  // Project ids: 6-30 lower-case letters, digits and hyphens, starting with a letter; older projects
  // may carry a domain prefix ("example.com:my-project").
  private static final Pattern PROJECT = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
  private static final Pattern DATABASE = Pattern.compile("\\(default\\)|[a-z][a-z0-9-]{2,61}[a-z0-9]");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");

  public FirestoreConfig {
    Objects.requireNonNull(projectId, "projectId");
    if (!PROJECT.matcher(projectId).matches()) {
      throw new IllegalArgumentException(
          "Firestore project id '" + projectId + "' is not a Google Cloud project id"
              + " (6-30 lower-case letters, digits or hyphens, starting with a letter)");
    }
    Objects.requireNonNull(databaseId, "databaseId");
    if (!DATABASE.matcher(databaseId).matches()) {
      throw new IllegalArgumentException(
          "Firestore database id '" + databaseId + "' must be (default) or 4-63 lower-case letters,"
              + " digits or hyphens, starting with a letter");
    }
    if (emulatorHost != null) {
      var hostPort = HOST_PORT.matcher(emulatorHost);
      if (!hostPort.matches() || Integer.parseInt(hostPort.group(2)) > 65_535) {
        throw new IllegalArgumentException(
            "Firestore emulator host '" + emulatorHost + "' must be host:port, e.g. 127.0.0.1:8080");
      }
    }
  }

  /** The project's default database on Google Cloud, with Application Default Credentials. */
  public static FirestoreConfig cloud(String projectId) {
    return new FirestoreConfig(projectId, DEFAULT_DATABASE, null, null);
  }

  /** The default database of {@code projectId} on the emulator at {@code emulatorHost}. */
  public static FirestoreConfig emulator(String projectId, String emulatorHost) {
    Objects.requireNonNull(emulatorHost, "emulatorHost");
    return new FirestoreConfig(projectId, DEFAULT_DATABASE, emulatorHost, null);
  }

  /** This configuration on another database of the same project. */
  public FirestoreConfig withDatabase(String newDatabaseId) {
    return new FirestoreConfig(projectId, newDatabaseId, emulatorHost, credentialsFile);
  }

  /** This configuration on the emulator at {@code host:port} (null for Google Cloud). */
  public FirestoreConfig withEmulatorHost(String newEmulatorHost) {
    return new FirestoreConfig(projectId, databaseId, newEmulatorHost, credentialsFile);
  }

  /** This configuration with credentials from {@code file} (null for Application Default Credentials). */
  public FirestoreConfig withCredentialsFile(Path file) {
    return new FirestoreConfig(projectId, databaseId, emulatorHost, file);
  }

  /** Whether this points at an emulator rather than Google Cloud. */
  public boolean usesEmulator() {
    return emulatorHost != null;
  }

  /** Where the data lives, for messages and logs: {@code projects/p/databases/d} and the endpoint. */
  public String describe() {
    return "projects/" + projectId + "/databases/" + databaseId
        + (usesEmulator() ? " on the emulator at " + emulatorHost : " on Google Cloud");
  }
}
