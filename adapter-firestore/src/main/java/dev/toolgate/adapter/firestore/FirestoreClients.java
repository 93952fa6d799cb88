package dev.toolgate.adapter.firestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.ExternalAccountCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the Firestore client for a {@link FirestoreConfig}, failing with a message that says what
 * to fix when the credentials cannot be had.
 *
 * <p>With the emulator, only the emulator host is set: the client then talks plaintext to it with
 * the emulator's own credentials. Setting credentials as well (such as {@code NoCredentials}) is a
 * known trap that sends the client to the real endpoint.
 */
final class FirestoreClients {
  private FirestoreClients() {}

  static Firestore connect(FirestoreConfig config) {
    FirestoreOptions.Builder options =
        FirestoreOptions.newBuilder()
            .setProjectId(config.projectId())
            .setDatabaseId(config.databaseId());
    if (config.usesEmulator()) {
      options.setEmulatorHost(config.emulatorHost());
    } else {
      options.setCredentials(credentials(config));
    }
    try {
      return options.build().getService();
    } catch (RuntimeException e) {
      throw new PortException("cannot create a Firestore client for " + config.describe() + ": " + e.getMessage(), e);
    }
  }

  static GoogleCredentials credentials(FirestoreConfig config) {
    Path file = config.credentialsFile();
    if (file == null) {
      try {
        return GoogleCredentials.getApplicationDefault();
      } catch (IOException e) {
        throw new FirestoreCredentialsException(
            "no Google credentials for Firestore " + config.describe() + ": set GOOGLE_APPLICATION_CREDENTIALS"
                + " to a credentials JSON file (for example a service-account key), run"
                + " 'gcloud auth application-default login', or run on Google Cloud with a service account ("
                + e.getMessage() + ")",
            e);
      }
    }
    if (!Files.isRegularFile(file)) {
      throw new FirestoreCredentialsException("Google credentials file '" + file + "' does not exist or is not a file");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new FirestoreCredentialsException("cannot read Google credentials file '" + file + "': " + e.getMessage(), e);
    }
    String type = type(file, content);
    try (InputStream in = new ByteArrayInputStream(content)) {
      // Each type is loaded by its own class: GoogleCredentials.fromStream would accept any type,
      // which Google advises against for files that did not come from a trusted source.
      return switch (type) {
        case "service_account" -> ServiceAccountCredentials.fromStream(in);
        case "authorized_user" -> UserCredentials.fromStream(in);
        case "external_account" -> ExternalAccountCredentials.fromStream(in);
        case "impersonated_service_account" -> ImpersonatedCredentials.fromStream(in);
        default ->
            throw new FirestoreCredentialsException(
                "Google credentials file '" + file + "' has type '" + type + "'; expected service_account,"
                    + " authorized_user, external_account or impersonated_service_account");
      };
    } catch (IOException | RuntimeException e) {
      if (e instanceof FirestoreCredentialsException port) {
        throw port;
      }
      // The library's messages name the missing or malformed field, never the key material.
      throw new FirestoreCredentialsException(
          "Google credentials file '" + file + "' (type " + type + ") is not usable: " + e.getMessage(), e);
    }
  }

  private static String type(Path file, byte[] content) {
    JsonNode json;
    try {
      json = Json.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // The parser's message may quote the file's text, which can be key material: not repeated.
      throw new FirestoreCredentialsException("Google credentials file '" + file + "' is not JSON");
    }
    JsonNode type = json.path("type");
    if (!type.isTextual()) {
      throw new FirestoreCredentialsException(
          "Google credentials file '" + file + "' has no \"type\" field; is it a Google credentials JSON file?");
    }
    return type.asText();
  }
}
