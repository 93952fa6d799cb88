package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One request to a worker or to Supabase RPC.
 *
 * @param service which service
 * @param method {@code POST} or {@code DELETE}
 * @param path relative to the service's URL, percent-encoded
 * @param body JSON body, or null
 * @param stepKey the {@code Idempotency-Key} to send, or null
 * @param safeToRepeat the call has no effect (a read, a pure render, an idempotent delete), so it may be
 *     repeated even without a step key
 */
record WorkerCall(Service service, String method, String path, JsonNode body, String stepKey, boolean safeToRepeat) {
  WorkerCall {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
  }

  /** Repeating after a timeout, a network error or a 5xx cannot act twice. */
  boolean retryable() {
    return safeToRepeat || stepKey != null;
  }

  /** How logs and errors name it: {@code database worker POST /facture/create}. */
  String describe() {
    return service.label() + " " + method + " " + path;
  }
}
