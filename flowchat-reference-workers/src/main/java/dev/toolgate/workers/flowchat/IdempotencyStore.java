package dev.toolgate.workers.flowchat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Step keys: a request carrying {@code Idempotency-Key} runs at most once per worker; a repeat
 * with the same key and the same method, path and body gets the stored response (with {@code
 * Idempotent-Replayed: true}); the same key with a different request is a 409. A repeat that
 * arrives while the first is still running waits for it rather than failing, so concurrent retries
 * of one step never act twice and never see a 4xx. Responses of 5xx are not stored: the step did
 * not happen and may be retried.
 */
final class IdempotencyStore {
  private final WorkerDatabase db;
  private final Map<String, ReentrantLock> inFlight = new ConcurrentHashMap<>();

  IdempotencyStore(WorkerDatabase db) {
    this.db = db;
  }

  WorkerResponse run(String worker, WorkerRequest request, Supplier<WorkerResponse> action) {
    String key = request.idempotencyKey();
    String fingerprint = fingerprint(request);
    ReentrantLock lock = inFlight.computeIfAbsent(worker + "\u0000" + key, k -> new ReentrantLock());
    lock.lock();
    try {
      Map<String, Object> stored =
          db.transaction(
              d -> d.queryOne(
                  "SELECT fingerprint, status, content_type, body FROM idempotency WHERE worker = ? AND idem_key = ?",
                  worker, key));
      if (stored != null) {
        if (!fingerprint.equals(stored.get("fingerprint"))) {
          throw new WorkerException(
              409,
              "idempotency_key_reused",
              "Idempotency-Key \"" + key + "\" was already used for a different request to the " + worker
                  + " worker; use a new key for a new step");
        }
        return new WorkerResponse(
                ((Number) stored.get("status")).intValue(),
                (String) stored.get("content_type"),
                (byte[]) stored.get("body"),
                Map.of())
            .withHeader("Idempotent-Replayed", "true");
      }
      WorkerResponse response = action.get();
      if (response.status() < 500) {
        db.transaction(
            d -> {
              d.execute(
                  "INSERT INTO idempotency (worker, idem_key, fingerprint, status, content_type, body, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  worker, key, fingerprint, response.status(), response.contentType(), response.body(),
                  Instant.now().toString());
              return null;
            });
      }
      return response;
    } finally {
      lock.unlock();
    }
  }

  /** JSON bodies compare by content (key order and spacing do not matter); others byte for byte. */
  private static byte[] canonical(byte[] body) {
    try {
      return Json.bytes(Json.MAPPER.convertValue(Json.parse(body), Object.class));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return body;
    }
  }

  private static String fingerprint(WorkerRequest request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((request.method() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(canonical(request.body()));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
