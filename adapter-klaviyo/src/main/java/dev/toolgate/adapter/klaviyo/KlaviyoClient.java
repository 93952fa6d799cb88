package dev.toolgate.adapter.klaviyo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.mizosoft.methanol.Methanol;
import com.github.mizosoft.methanol.MutableRequest;
import dev.toolgate.adapter.klaviyo.KlaviyoConfig.RequestLimit;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.Redaction;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingRateLimitedException;
import dev.toolgate.ports.marketing.UpstreamCall;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Klaviyo request at a time: headers, the client-side limiter, bounded retries, and the
 * translation of every failure into a port exception.
 *
 * <p>Every request this adapter makes is a read. The values reports are POSTs only because their query
 * is a JSON body: they change nothing in the account (the report id is ephemeral), so sending one
 * again returns the same figures and costs only quota, which the limiter accounts for on every
 * attempt. That is why all requests, POST included, may be retried.
 */
final class KlaviyoClient {
  private static final Logger LOG = LoggerFactory.getLogger(KlaviyoClient.class);
  private static final String JSON_API = "application/vnd.api+json";
  private static final int MAX_PAGES = 1000;
  /** Floats as BigDecimal: revenue must add up exactly. */
  private static final ObjectReader READER =
      Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final KlaviyoConfig config;
  private final HttpClient http;
  private final KlaviyoLimiters limiters;
  private final Retry retry;

  KlaviyoClient(KlaviyoConfig config) {
    this.config = config;
    this.http =
        Methanol.newBuilder()
            .userAgent("toolgate-klaviyo-adapter")
            .defaultHeader("revision", config.revision())
            .defaultHeader("accept", JSON_API)
            .requestTimeout(config.requestTimeout())
            .readTimeout(config.requestTimeout())
            .connectTimeout(config.connectTimeout())
            // A redirect would carry the API key to wherever it points.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.limiters = new KlaviyoLimiters(config.limiterMaxWait());
    this.retry =
        Retry.of(
            "klaviyo",
            RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .retryOnException(this::worthRepeating)
                .intervalBiFunction((attempt, outcome) -> waitMillis(attempt, outcome.getLeft()))
                .build());
  }

  /** GET of one resource or one page; {@code pathAndQuery} is already percent-encoded. */
  Reply get(MarketingAccount account, String pathAndQuery, CallTrace trace) {
    return exchange(account, "GET", pathAndQuery, null, config.readLimits(), trace);
  }

  /** GET of a collection, following {@code links.next} to the last page; the {@code data[]} items in order. */
  List<JsonNode> getAll(MarketingAccount account, String pathAndQuery, CallTrace trace) {
    List<JsonNode> items = new ArrayList<>();
    String next = pathAndQuery;
    for (int page = 0; next != null; page++) {
      if (page == MAX_PAGES) {
        throw new PortException("Klaviyo kept returning pages of " + path(pathAndQuery) + " after " + MAX_PAGES);
      }
      Reply reply = get(account, next, trace);
      JsonNode data = reply.body().path("data");
      if (!data.isArray()) {
        throw new PortException("Klaviyo answered GET " + path(next) + " without a data[] array");
      }
      data.forEach(items::add);
      if (next.equals(reply.nextPath())) {
        throw new PortException("Klaviyo's next link of GET " + path(next) + " points at the same page");
      }
      next = reply.nextPath();
    }
    return items;
  }

  /** POST of a values-report query (under the report limits). */
  Reply postReport(MarketingAccount account, String pathAndQuery, JsonNode body, CallTrace trace) {
    return exchange(account, "POST", pathAndQuery, Json.write(body), config.reportLimits(), trace);
  }

  private Reply exchange(
      MarketingAccount account,
      String method,
      String pathAndQuery,
      String body,
      List<RequestLimit> limits,
      CallTrace trace) {
    String operation = method + " " + path(pathAndQuery);
    long start = System.nanoTime();
    AtomicInteger attempts = new AtomicInteger();
    Exchange result;
    try {
      result =
          retry.executeSupplier(
              () -> attempt(account, method, pathAndQuery, body, limits, operation, attempts.incrementAndGet()));
    } catch (RetryableFailure failure) {
      throw giveUp(account, operation, attempts.get(), failure);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Reply reply = result.reply();
    trace.record(
        new UpstreamCall(operation, reply.status(), requestId(reply, result.headers()), attempts.get(), took),
        result.headers().firstValue("X-Klaviyo-API-Revision").orElse(null));
    LOG.debug("Klaviyo {} for client {}: {} after {} attempt(s) in {} ms",
        operation, account.clientKey(), reply.status(), attempts.get(), took.toMillis());
    return reply;
  }

  private record Exchange(Reply reply, HttpHeaders headers) {}

  private Exchange attempt(
      MarketingAccount account,
      String method,
      String pathAndQuery,
      String body,
      List<RequestLimit> limits,
      String operation,
      int attempt) {
    limiters.acquire(account, operation, limits);
    URI uri = resolve(pathAndQuery);
    MutableRequest request =
        MutableRequest.create(uri).header("Authorization", "Klaviyo-API-Key " + account.apiKey());
    if (body == null) {
      request.GET();
    } else {
      request.header("content-type", JSON_API).POST(HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      LOG.warn("Klaviyo {} for client {} timed out (attempt {}/{})",
          operation, account.clientKey(), attempt, config.maxAttempts());
      throw new RetryableFailure("timed out after " + config.requestTimeout(), 0, null, e);
    } catch (IOException e) {
      LOG.warn("Klaviyo {} for client {} failed: {} (attempt {}/{})",
          operation, account.clientKey(), e.toString(), attempt, config.maxAttempts());
      throw new RetryableFailure("connection failed (" + e.getClass().getSimpleName() + ")", 0, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while calling Klaviyo " + operation, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Exchange(success(operation, status, response.body()), response.headers());
    }
    // An upstream that echoes the credential (in a detail, say) must not carry it to callers, chat
    // turns or tool logs: the key is masked before the body is read.
    ErrorBody errors = ErrorBody.parse(Redaction.mask(response.body(), account.apiKey()));
    if (status == 429 || status >= 500) {
      Duration retryAfter = status == 429 ? retryAfter(response.headers(), errors) : null;
      LOG.warn("Klaviyo {} for client {} answered {} (attempt {}/{}){}",
          operation, account.clientKey(), status, attempt, config.maxAttempts(),
          retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms");
      throw new RetryableFailure("HTTP " + status + " with " + errors.summary(), status, retryAfter, null);
    }
    if (status == 401 || status == 403) {
      throw new KlaviyoKeyRefusedException(
          account.clientKey(),
          "Klaviyo refused the API key of client '" + account.clientKey() + "' (" + operation + ": HTTP "
              + status + " with " + errors.summary() + "); check the key and its scopes"
              + " (campaigns:read, flows:read, metrics:read, accounts:read)",
          status,
          errors);
    }
    if (status == 400) {
      throw new KlaviyoRejectedException(
          "Klaviyo rejected " + operation + " for client '" + account.clientKey() + "': " + errors.summary(),
          errors);
    }
    throw new PortException(
        "Klaviyo answered " + operation + " for client '" + account.clientKey() + "' with HTTP " + status
            + " (" + errors.summary() + "); revision " + config.revision() + " may not support it");
  }

  private Reply success(String operation, int status, String text) {
    JsonNode root;
    try {
      root = READER.readTree(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      throw new PortException(
          "Klaviyo answered " + operation + " with HTTP " + status + " but a body that is not valid JSON ("
              + ErrorBody.snippet(e.getOriginalMessage()) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new PortException(
          "Klaviyo answered " + operation + " with HTTP " + status + " but a body that is not a JSON object");
    }
    return new Reply(status, root, nextPath(operation, root.path("links").path("next")));
  }

  /**
   * The path and query of {@code links.next}, kept verbatim (it is already percent-encoded) but
   * resolved against the configured base URI: the API key is never sent to a host from a response.
   */
  private static String nextPath(String operation, JsonNode next) {
    if (!next.isTextual() || next.asText().isBlank()) {
      return null; // Klaviyo sends null (undeclared in its spec) on the last page
    }
    URI uri;
    try {
      uri = new URI(next.asText());
    } catch (URISyntaxException e) {
      throw new PortException("Klaviyo answered " + operation + " with an invalid next link: "
          + ErrorBody.snippet(next.asText()));
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private URI resolve(String pathAndQuery) {
    return URI.create(config.baseUri() + pathAndQuery);
  }

  private boolean worthRepeating(Throwable failure) {
    if (!(failure instanceof RetryableFailure retryable)) {
      return false;
    }
    Duration retryAfter = retryable.retryAfter();
    return retryAfter == null || retryAfter.compareTo(config.maxRetryAfter()) <= 0;
  }

  /** Klaviyo's own wait (plus a little jitter), else capped exponential backoff with jitter. */
  private long waitMillis(int attempt, Throwable failure) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (failure instanceof RetryableFailure retryable && retryable.retryAfter() != null) {
      long asked = retryable.retryAfter().toMillis();
      // Klaviyo's windows are fixed: retrying exactly at the boundary races everybody else's retry.
      return asked + random.nextLong(Math.max(1, asked / 10 + 1));
    }
    long cap = config.backoffMax().toMillis();
    long exponential = config.backoffInitial().toMillis() << Math.min(attempt - 1, 20);
    long ceiling = Math.min(cap, exponential);
    return ceiling / 2 + random.nextLong(ceiling / 2 + 1);
  }

  /** {@code Retry-After} (seconds or an HTTP date), else the "available in N seconds" of the detail. */
  private static Duration retryAfter(HttpHeaders headers, ErrorBody errors) {
    String header = headers.firstValue("Retry-After").orElse("").strip();
    if (!header.isEmpty()) {
      try {
        long seconds = Long.parseLong(header);
        if (seconds >= 0) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
          return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException notADate) {
          LOG.debug("ignoring unreadable Retry-After header '{}'", ErrorBody.snippet(header));
        }
      }
    }
    return errors.availableIn();
  }

  private PortException giveUp(MarketingAccount account, String operation, int attempts, RetryableFailure failure) {
    String what = "Klaviyo " + operation + " for client '" + account.clientKey() + "' failed after "
        + attempts + " attempt(s): " + failure.getMessage();
    if (failure.throttled()) {
      Duration retryAfter = failure.retryAfter();
      String hint = retryAfter != null && retryAfter.compareTo(config.maxRetryAfter()) > 0
          ? " (Klaviyo asked to wait " + retryAfter.toSeconds() + " s, more than the " + config.maxRetryAfter()
              + " the adapter waits)"
          : "";
      return new MarketingRateLimitedException(account.clientKey(), what + hint, retryAfter);
    }
    return new UnavailableException(what, failure.getCause());
  }

  /** A report's id, else a request-id header, else Cloudflare's ray id: whatever lets Klaviyo find the call. */
  private static String requestId(Reply reply, HttpHeaders headers) {
    JsonNode id = reply.body().path("data").path("id");
    if (reply.body().path("data").path("type").asText("").endsWith("-values-report") && id.isTextual()) {
      return id.asText();
    }
    return headers.firstValue("X-Request-ID").or(() -> headers.firstValue("cf-ray")).orElse(null);
  }

  private static String path(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }
}
