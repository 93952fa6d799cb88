package dev.toolgate.workers.flowchat;

import java.util.Map;

/** What a worker handler answers: status, content type, body and extra headers. */
record WorkerResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  WorkerResponse {
    headers = Map.copyOf(headers);
  }

  static WorkerResponse json(int status, Object value) {
    return new WorkerResponse(status, "application/json; charset=utf-8", Json.bytes(value), Map.of());
  }

  static WorkerResponse ok(Object value) {
    return json(200, value);
  }

  WorkerResponse withHeader(String name, String value) {
    java.util.Map<String, String> h = new java.util.HashMap<>(headers);
    h.put(name, value);
    return new WorkerResponse(status, contentType, body, h);
  }
}
