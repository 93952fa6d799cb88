package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The storage worker, on disk: {@code POST /upload} stores {@code content_base64} under a new key
 * and answers its {@code public_url}; {@code GET /files/{key}} serves it (no auth: the URL is what
 * goes in e-mails); {@code DELETE /files/{key}} removes it and is idempotent (a compensation may be
 * retried).
 */
final class StorageWorker {
  private final Path root;
  private final Supplier<String> publicBaseUrl;

  StorageWorker(Path root, Supplier<String> publicBaseUrl) {
    this.root = root.toAbsolutePath().normalize();
    this.publicBaseUrl = publicBaseUrl;
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the storage directory " + this.root, e);
    }
  }

  List<WorkerServer.Route> routes() {
    return List.of(
        WorkerServer.Route.write("POST", "/upload", this::upload),
        WorkerServer.Route.publicRead("/files/", this::get),
        WorkerServer.Route.write("DELETE", "/files/", this::delete));
  }

  private WorkerResponse upload(WorkerRequest request) {
    JsonNode body = request.json();
    String filename = body.path("filename").asText("").strip();
    if (filename.isEmpty() || !filename.matches("[A-Za-z0-9._-]{1,120}")) {
      throw WorkerException.badRequest("filename is required: 1-120 of A-Z a-z 0-9 . _ -, got \"" + filename + "\"");
    }
    String folder = body.path("folder").asText("documents").strip();
    if (!folder.matches("[a-z0-9_-]{1,40}")) {
      throw WorkerException.badRequest("folder must be 1-40 of a-z 0-9 _ -, got \"" + folder + "\"");
    }
    byte[] content;
    try {
      content = Base64.getDecoder().decode(body.path("content_base64").asText(""));
    } catch (IllegalArgumentException e) {
      throw WorkerException.badRequest("content_base64 is not base64: " + e.getMessage());
    }
    if (content.length == 0) {
      throw WorkerException.badRequest("content_base64 is required and must not be empty");
    }
    String contentType = body.path("content_type").asText("application/octet-stream");
    String key = folder + "/" + UUID.randomUUID() + "-" + filename;
    Path file = resolve(key);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + key, e);
    }
    ObjectNode o = Json.object();
    o.put("key", key);
    o.put("public_url", publicBaseUrl.get() + "/files/" + key);
    o.put("size_bytes", content.length);
    o.put("sha256", DocumentWorker.sha256(content));
    o.put("content_type", contentType);
    return WorkerResponse.json(201, o);
  }

  private WorkerResponse get(WorkerRequest request) {
    Path file = resolve(request.tail());
    if (!Files.isRegularFile(file)) {
      throw WorkerException.notFound("no stored file with key \"" + request.tail() + "\"");
    }
    try {
      String type = file.toString().endsWith(".pdf") ? "application/pdf"
          : java.util.Objects.requireNonNullElse(URLConnection.guessContentTypeFromName(file.toString()),
              "application/octet-stream");
      return new WorkerResponse(200, type, Files.readAllBytes(file), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + request.tail(), e);
    }
  }

  private WorkerResponse delete(WorkerRequest request) {
    Path file = resolve(request.tail());
    boolean existed;
    try {
      existed = Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + request.tail(), e);
    }
    ObjectNode o = Json.object();
    o.put("key", request.tail());
    o.put("deleted", true);
    o.put("existed", existed);
    return WorkerResponse.ok(o);
  }

  /** The file for a key; a key that climbs out of the storage directory is refused. */
  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || p.equals(root) || key.contains("\\")) {
      throw WorkerException.badRequest("invalid file key \"" + key + "\"");
    }
    return p;
  }
}
