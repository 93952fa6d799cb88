package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Requests a running tool may send to the client that called it, in MCP terms: {@code
 * elicitation/create}, {@code sampling/createMessage}, {@code roots/list}. Parameters and results are
 * the MCP wire JSON, passed through unchanged.
 */
public interface ClientRequests {
  /** Whether the client declared the capability ({@code elicitation}, {@code sampling}, {@code roots}). */
  boolean supports(String capability);

  /**
   * Sends a request and waits for its result.
   *
   * @throws dev.toolgate.ports.UnavailableException if the client refuses, fails or does not answer
   *     within {@code timeout}
   */
  JsonNode request(String method, JsonNode params, Duration timeout);
}
