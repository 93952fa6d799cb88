package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One request as a worker handler sees it.
 *
 * @param method HTTP method
 * @param path the request path, e.g. {@code /files/invoices/x.pdf}
 * @param tail what follows a prefix route ({@code invoices/x.pdf} for {@code /files/}), else ""
 * @param body raw body bytes
 * @param requestId the caller's {@code X-Request-ID}, or one the worker generated
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or {@code null}
 */
record WorkerRequest(
    String method, String path, String tail, byte[] body, String requestId, String idempotencyKey) {

  /** The body as a JSON object; anything else is a 400 naming what was sent. */
  JsonNode json() {
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (IOException e) {
      throw WorkerException.badRequest("request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!node.isObject()) {
      throw WorkerException.badRequest("request body must be a JSON object, got " + node.getNodeType());
    }
    return node;
  }
}
