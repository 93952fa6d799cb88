package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.mizosoft.methanol.Methanol;
import com.github.mizosoft.methanol.MutableRequest;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.Redaction;
import dev.toolgate.ports.UnavailableException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link WorkerCall}s over one shared, pooled HTTP client: the seed's headers, timeouts, bounded
 * retries with exponential backoff and jitter, and every failure translated into a port exception.
 *
 * <p>Retries happen only on timeouts, network errors and 5xx, never on a 4xx, and only for a call that
 * cannot act twice: one with a step key (the worker replays it) or one marked safe to repeat.
 */
final class WorkerClient {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerClient.class);
  /** Floats as BigDecimal: invoice amounts must come back to the cent. */
  private static final ObjectReader READER =
      Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final int SNIPPET = 300;

  private final FlowChatConfig config;
  private final HttpClient http;
  private final Retry retrying;
  private final Retry once;

  WorkerClient(FlowChatConfig config) {
    this.config = config;
    this.http =
        Methanol.newBuilder()
            .userAgent("toolgate-flowchat-adapter")
            .defaultHeader("Accept", "application/json")
            .requestTimeout(config.requestTimeout())
            .readTimeout(config.requestTimeout())
            .connectTimeout(config.connectTimeout())
            // A redirect would carry the worker key and the Supabase key wherever it points.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.retrying = retry("flowchat", config.maxAttempts());
    this.once = retry("flowchat-once", 1);
  }

  private Retry retry(String name, int attempts) {
    return Retry.of(name, RetryConfig.custom()
        .maxAttempts(attempts)
        .retryExceptions(RetryableFailure.class)
        .intervalBiFunction((attempt, outcome) -> waitMillis(attempt))
        .build());
  }

  /**
   * {@code GET {url}/health} of one service, once, within {@code timeout}: {@code ok}, or why not
   * (the contract's health check needs no auth). For operators: which worker is down.
   */
  String health(Service service, java.time.Duration timeout) {
    URI base = config.urlOf(service).orElse(null);
    if (base == null) {
      return "unset (" + service.setting() + ")";
    }
    // Supabase answers its own health elsewhere; a reachable RPC endpoint is what the tools need.
    String path = service == Service.RPC ? "/rest/v1/" : "/health";
    MutableRequest request = MutableRequest.GET(URI.create(base + path)).timeout(timeout);
    if (service == Service.RPC) {
      request.header("apikey", config.supabaseApiKey()).header("Authorization", "Bearer " + config.supabaseApiKey());
    }
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status < 500 && (service == Service.RPC || status == 200) ? "ok" : "down (HTTP " + status + ")";
    } catch (HttpTimeoutException e) {
      return "down (no answer within " + timeout.toMillis() + " ms)";
    } catch (IOException e) {
      return "down (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }

  /** Sends the call and returns its JSON body (an empty object when there is none). */
  JsonNode send(WorkerCall call, String requestId) {
    URI base = config.urlOf(call.service()).orElseThrow(() -> new UnavailableException(
        call.service().setting() + " is not set, so " + call.describe() + " cannot be called"));
    AtomicInteger attempts = new AtomicInteger();
    Retry retry = call.retryable() ? retrying : once;
    try {
      return retry.executeSupplier(() -> attempt(base, call, requestId, attempts.incrementAndGet()));
    } catch (RetryableFailure failure) {
      String why = call.retryable() ? "" : " (not repeated: the call has no step key and could act twice)";
      throw new UnavailableException(call.describe() + " failed after " + attempts.get() + " attempt(s): "
          + failure.getMessage() + why, failure.getCause());
    }
  }

  private JsonNode attempt(URI base, WorkerCall call, String requestId, int attempt) {
    MutableRequest request = MutableRequest.create(URI.create(base + call.path()))
        .header("X-Request-ID", requestId)
        .header("Content-Type", "application/json");
    if (call.service() == Service.RPC) {
      request.header("apikey", config.supabaseApiKey())
          .header("Authorization", "Bearer " + config.supabaseApiKey());
    }
    if (config.workerAuthKey() != null) {
      request.header("X-FlowChat-Worker-Auth", config.workerAuthKey());
    }
    if (call.stepKey() != null) {
      request.header("Idempotency-Key", call.stepKey());
    }
    HttpRequest.BodyPublisher body = call.body() == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Json.write(call.body()));
    request.method(call.method(), body);
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      LOG.warn("{} timed out (request {}, attempt {})", call.describe(), requestId, attempt);
      throw new RetryableFailure("timed out after " + config.requestTimeout(), e);
    } catch (IOException e) {
      LOG.warn("{} failed: {} (request {}, attempt {})", call.describe(), e, requestId, attempt);
      throw new RetryableFailure("connection failed (" + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while calling " + call.describe(), e);
    }
    int status = response.statusCode();
    LOG.debug("{} answered {} (request {}, attempt {})", call.describe(), status, requestId, attempt);
    // A worker or PostgREST that echoes the credentials it was sent must not carry them into exception
    // messages (and from there to agents, chat turns and tool logs): they are masked before the body is read.
    String text = Redaction.mask(response.body(), config.supabaseApiKey(), config.workerAuthKey());
    if (status >= 200 && status < 300) {
      return parse(call, status, text);
    }
    String detail = errorText(text);
    if (status >= 500) {
      LOG.warn("{} answered {} (request {}, attempt {})", call.describe(), status, requestId, attempt);
      throw new RetryableFailure("HTTP " + status + ": " + detail, null);
    }
    String what = call.describe() + " answered HTTP " + status + ": " + detail;
    switch (status) {
      case 404 -> throw new NotFoundException(what);
      case 409 -> throw new ConflictException(what);
      case 401, 403 -> throw new PortException(what + " (check " + (call.service() == Service.RPC
          ? "SUPABASE_API_KEY" : "WORKER_AUTH_KEY") + ")");
      default -> throw new InvalidRequestException(what);
    }
  }

  private static JsonNode parse(WorkerCall call, int status, String text) {
    if (text == null || text.isBlank()) {
      return Json.object();
    }
    try {
      return READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PortException(call.describe() + " answered HTTP " + status + " with a body that is not JSON: "
          + snippet(text));
    }
  }

  /** The error's own words: PostgREST's {@code message} and {@code hint}, a worker's {@code code: message}. */
  private static String errorText(String text) {
    try {
      JsonNode error = READER.readTree(text == null ? "" : text);
      if (error != null && error.isObject() && error.hasNonNull("message")) {
        StringBuilder out = new StringBuilder();
        if (error.hasNonNull("code")) {
          out.append(error.get("code").asText()).append(": ");
        }
        out.append(error.get("message").asText());
        if (error.hasNonNull("hint")) {
          out.append(" (").append(error.get("hint").asText()).append(')');
        }
        return snippet(out.toString());
      }
    } catch (JsonProcessingException notJson) {
      // fall through to the raw text
    }
    return snippet(text == null || text.isBlank() ? "no body" : text);
  }

  private static String snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "…";
  }

  /** Capped exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
  private long waitMillis(int attempt) {
    long cap = config.backoffMax().toMillis();
    long ceiling = Math.min(cap, config.backoffInitial().toMillis() << Math.min(attempt - 1, 20));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
