package dev.toolgate.adapter.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * LangChain4j's HTTP client SPI on the JDK's {@link java.net.http.HttpClient}, in place of
 * {@code langchain4j-http-client-jdk}'s: that one drops the response headers of a failed call, and a
 * {@code Retry-After} cannot be honoured without them. This one also turns a broken event stream
 * (an event that is not JSON, an exception in the model library's reader) into an error instead of
 * skipping it, and reports the end of every stream to the call's {@link StreamWatch}.
 */
final class ProviderHttpClient implements HttpClient {
  private static final JsonFactory JSON = new JsonFactory();

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;

  ProviderHttpClient(Duration connectTimeout, Duration readTimeout) {
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            // A redirect would carry the API key to wherever it points.
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
    this.readTimeout = readTimeout;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(toJdk(request), BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the model provider", e);
    }
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (!successful(response)) {
      throw failure(response, body);
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(body)
        .build();
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    StreamWatch watch = StreamWatch.current();
    http.sendAsync(toJdk(request), BodyHandlers.ofInputStream())
        .thenAccept(response -> stream(response, parser, listener, watch))
        .exceptionally(
            thrown -> {
              Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null
                  ? thrown.getCause()
                  : thrown;
              Throwable reported = cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause;
              quietly(() -> listener.onError(reported));
              watch.ended(reported);
              return null;
            });
  }

  private void stream(
      HttpResponse<InputStream> response,
      ServerSentEventParser parser,
      ServerSentEventListener listener,
      StreamWatch watch) {
    if (!successful(response)) {
      ProviderHttpException failure;
      try (InputStream in = response.body()) {
        failure = failure(response, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        failure = failure(response, "");
      }
      ProviderHttpException reported = failure;
      quietly(() -> listener.onError(reported));
      watch.ended(reported);
      return;
    }
    SuccessfulHttpResponse opened =
        SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(response.headers().map()).build();
    quietly(() -> listener.onOpen(opened));
    StrictListener strict = new StrictListener(listener);
    try (InputStream in = response.body()) {
      watch.reading(in);
      parser.parse(in, strict);
      if (strict.failure == null) {
        quietly(listener::onClose);
      }
    } catch (IOException | RuntimeException e) {
      if (strict.failure == null) {
        strict.fail(e instanceof HttpTimeoutException ? new TimeoutException(e) : e);
      }
    }
    watch.ended(strict.failure);
  }

  /** Passes events on, but stops at the first that is not JSON or that the model library cannot read. */
  private static final class StrictListener implements ServerSentEventListener {
    private final ServerSentEventListener delegate;
    private Throwable failure;

    StrictListener(ServerSentEventListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
      if (failure != null) {
        return;
      }
      String data = event.data();
      if (!"[DONE]".equals(data) && !isJson(data)) {
        context.parsingHandle().cancel();
        fail(new MalformedStreamException("the provider sent a stream event that is not JSON: "
            + ErrorText.snippet(data), null));
        return;
      }
      try {
        delegate.onEvent(event, context);
      } catch (RuntimeException e) {
        context.parsingHandle().cancel();
        fail(new MalformedStreamException("the model library could not read a stream event ("
            + e.getClass().getSimpleName() + "): " + ErrorText.snippet(data), e));
      }
    }

    @Override
    public void onError(Throwable throwable) {
      if (failure == null) {
        fail(throwable);
      }
    }

    void fail(Throwable throwable) {
      failure = throwable;
      quietly(() -> delegate.onError(throwable));
    }
  }

  private static boolean isJson(String data) {
    try (JsonParser parser = JSON.createParser(data)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request.headers().forEach((name, values) -> {
      if (values != null) {
        values.forEach(value -> builder.header(name, value));
      }
    });
    builder.method(
        request.method().name(),
        request.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofString(request.body()));
    if (readTimeout != null) {
      builder.timeout(readTimeout);
    }
    return builder.build();
  }

  private static ProviderHttpException failure(HttpResponse<?> response, String body) {
    return new ProviderHttpException(response.statusCode(), body, RetryAfter.of(response.headers(), body));
  }

  private static boolean successful(HttpResponse<?> response) {
    return response.statusCode() >= 200 && response.statusCode() < 300;
  }

  private static void quietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException ignored) {
      // a listener that throws must not stop the stream's end from being reported
    }
  }
}
