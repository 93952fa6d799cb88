package dev.toolgate.ports.mcp;

import java.util.Objects;

/**
 * Who asks for an upstream prompt or resource, for its audit record.
 *
 * @param requestId the request id
 * @param keyId the caller's key id (never the secret), or null for a keyless local caller
 * @param clientKey the client the key is scoped to, or null
 */
public record PassthroughCaller(String requestId, String keyId, String clientKey) {
  public PassthroughCaller {
    Objects.requireNonNull(requestId, "requestId");
  }
}
