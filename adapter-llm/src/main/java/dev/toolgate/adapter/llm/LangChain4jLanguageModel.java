package dev.toolgate.adapter.llm;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.toolgate.adapter.llm.AttemptFailure.Kind;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelCredentialsException;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelStream;
import dev.toolgate.ports.llm.ModelTool;
import dev.toolgate.ports.llm.ModelToolCall;
import dev.toolgate.ports.llm.TokenUsage;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LanguageModel} on one provider's LangChain4j chat models. One request may take several
 * attempts: 429, 5xx, timeouts and lost connections are retried with exponential backoff and jitter,
 * or after the provider's {@code Retry-After}; never 400, 401 or 403, and never once a delta of the
 * attempt has reached the caller's stream.
 */
final class LangChain4jLanguageModel implements LanguageModel {
  private static final Logger LOG = LoggerFactory.getLogger(LangChain4jLanguageModel.class);

  private final LlmConfig config;
  private final ProviderModels models;
  private final PriceTable prices;
  private final Retry retry;
  private final ProviderTurns turns = new ProviderTurns();

  LangChain4jLanguageModel(LlmConfig config, PriceTable prices) {
    this.config = Objects.requireNonNull(config, "config");
    this.prices = Objects.requireNonNull(prices, "prices");
    // Without a key of its own (clients' keys only) the server's instance never calls the provider:
    // the vendors' builders refuse a missing key, and each client's instance has one.
    this.models = config.clientKeysOnly() && !config.hasApiKey() ? null : ProviderModels.of(config);
    this.retry =
        Retry.of(
            "llm-" + config.name(),
            RetryConfig.custom()
                .maxAttempts(config.maxRetries() + 1)
                .retryOnException(this::worthRepeating)
                .intervalBiFunction((attempt, outcome) -> waitMillis(attempt, outcome.getLeft()))
                .build());
  }

  @Override
  public String provider() {
    return config.name();
  }

  /** A second instance on the same settings and price table; only the credential differs. */
  @Override
  public LanguageModel withApiKey(String apiKey) {
    return new LangChain4jLanguageModel(config.withApiKey(apiKey), prices);
  }

  @Override
  public ModelReply chat(ModelRequest request, ModelStream stream) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(stream, "stream");
    if (models == null) {
      throw new ModelCredentialsException(config.name(), "model provider '" + config.name()
          + "' is configured for clients' own keys only (api_key: \"client\") and this call has no client key");
    }
    String model = request.model() == null ? config.defaultModel() : request.model();
    ChatRequest chatRequest = chatRequest(request, model);
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();
    ChatResponse response;
    try {
      response =
          retry.executeSupplier(
              () -> {
                int attempt = attempts.incrementAndGet();
                try {
                  return request.streaming() ? streamed(chatRequest, stream) : models.blocking().chat(chatRequest);
                } catch (PortException e) {
                  throw e; // already a port failure (an interrupted wait): not retried, passed on as is
                } catch (RuntimeException e) {
                  AttemptFailure failure = FailureClassifier.classify(e);
                  LOG.warn("model {} ({}) request {} attempt {}/{} failed: {}", config.name(), model,
                      request.requestId(), attempt, config.maxRetries() + 1, failure.getMessage());
                  throw failure;
                }
              });
    } catch (AttemptFailure failure) {
      throw toPortException(failure, model, attempts.get());
    }
    ModelReply reply = reply(request, model, response, stream);
    LOG.debug("model {} ({}) request {}: {} in / {} out tokens{} after {} attempt(s) in {} ms", config.name(),
        reply.model(), request.requestId(), reply.usage().input(), reply.usage().output(),
        reply.usage().estimated() ? " (estimated)" : "", attempts.get(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return reply;
  }

  private ChatRequest chatRequest(ModelRequest request, String model) {
    List<ToolSpecification> tools = new ArrayList<>();
    for (ModelTool tool : request.tools()) {
      tools.add(LangChainMessages.tool(tool));
    }
    DefaultChatRequestParameters.Builder<?> parameters =
        ChatRequestParameters.builder()
            .modelName(model)
            .temperature(orDefault(request.parameters().temperature(), config.temperature()))
            .topP(orDefault(request.parameters().topP(), config.topP()))
            .maxOutputTokens(orDefault(request.parameters().maxTokens(), config.maxTokens()));
    if (!tools.isEmpty()) {
      parameters.toolSpecifications(tools);
    }
    return ChatRequest.builder()
        .messages(LangChainMessages.messages(request.messages(), turns))
        .parameters(parameters.build())
        .build();
  }

  /** One streamed attempt: deltas go to {@code stream} as they come; waits at most the configured timeout. */
  private ChatResponse streamed(ChatRequest chatRequest, ModelStream stream) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    AtomicBoolean sentDelta = new AtomicBoolean();
    StreamingChatResponseHandler handler =
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String delta) {
            if (done.isDone() || delta == null || delta.isEmpty()) {
              return; // after a timeout the attempt is over: nothing more goes to the caller
            }
            sentDelta.set(true);
            try {
              stream.text(delta);
            } catch (RuntimeException e) {
              done.completeExceptionally(new AttemptFailure(Kind.SINK, 0, null,
                  "the stream receiving the reply failed: " + e, e));
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        };
    StreamWatch watch = new StreamWatch(ended -> {
      if (!done.isDone()) {
        done.completeExceptionally(ended != null ? ended
            : new MalformedStreamException("the provider's stream ended before its final event", null));
      }
    });
    watch.around(() -> models.streaming().chat(chatRequest, handler));
    try {
      return done.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      done.completeExceptionally(e);
      watch.abandon();
      throw new AttemptFailure(sentDelta.get() ? Kind.MALFORMED : Kind.TRANSIENT, 0, null,
          "no complete reply within " + config.timeout() + (sentDelta.get() ? " (the stream stalled)" : ""), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for model " + config.name(), e);
    } catch (ExecutionException e) {
      AttemptFailure failure = FailureClassifier.classify(e.getCause());
      if (sentDelta.get() && failure.kind() == Kind.TRANSIENT) {
        // Part of the reply already reached the caller: a second attempt would send it twice.
        throw new AttemptFailure(Kind.MALFORMED, failure.status(), null,
            failure.getMessage() + " after part of the reply was streamed", failure.getCause());
      }
      throw failure;
    }
  }

  private ModelReply reply(ModelRequest request, String model, ChatResponse response, ModelStream stream) {
    String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    List<ModelToolCall> calls = LangChainMessages.toolCalls(response.aiMessage());
    turns.remember(calls, response.aiMessage());
    if (request.streaming()) {
      calls.forEach(stream::toolCall);
    }
    String answered = response.metadata() != null && response.metadata().modelName() != null
        ? response.metadata().modelName()
        : model;
    TokenUsage usage = usage(request, model, response, text, calls);
    BigDecimal cost = prices.find(config.name(), config.kind().vendor(), answered)
        .or(() -> prices.find(config.name(), config.kind().vendor(), model))
        .map(price -> PriceTable.cost(price, usage.input(), usage.output()))
        .orElse(null);
    if (cost == null) {
      LOG.debug("model {} ({}) has no row in the price table: cost unknown", config.name(), answered);
    }
    return new ModelReply(config.name(), answered, text, calls, usage, cost, finishReason(response, calls));
  }

  private static TokenUsage usage(
      ModelRequest request, String model, ChatResponse response, String text, List<ModelToolCall> calls) {
    dev.langchain4j.model.output.TokenUsage reported = response.metadata() == null ? null : response.metadata().tokenUsage();
    if (reported != null && reported.inputTokenCount() != null && reported.outputTokenCount() != null) {
      return new TokenUsage(reported.inputTokenCount(), reported.outputTokenCount(), false);
    }
    return new TokenUsage(
        TokenEstimator.input(model, request.messages(), request.tools()),
        TokenEstimator.output(model, text, calls),
        true);
  }

  private static String finishReason(ChatResponse response, List<ModelToolCall> calls) {
    if (!calls.isEmpty()) {
      return "tool_calls"; // Gemini says STOP even when it calls a function
    }
    FinishReason reason = response.metadata() == null ? null : response.metadata().finishReason();
    if (reason == null) {
      return "other";
    }
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_EXECUTION -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case OTHER -> "other";
    };
  }

  private boolean worthRepeating(Throwable thrown) {
    if (!(thrown instanceof AttemptFailure failure) || failure.kind() != Kind.TRANSIENT) {
      return false;
    }
    return failure.retryAfter() == null || failure.retryAfter().compareTo(config.maxRetryAfter()) <= 0;
  }

  /** The provider's own wait plus a little jitter, else capped exponential backoff with full jitter above half. */
  private long waitMillis(int attempt, Throwable thrown) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (thrown instanceof AttemptFailure failure && failure.retryAfter() != null) {
      long asked = failure.retryAfter().toMillis();
      return asked + random.nextLong(asked / 10 + 1);
    }
    long cap = config.backoffMax().toMillis();
    long ceiling = Math.min(cap, config.backoffInitial().toMillis() << Math.min(attempt - 1, 20));
    return ceiling / 2 + random.nextLong(ceiling / 2 + 1);
  }

  private PortException toPortException(AttemptFailure failure, String model, int attempts) {
    String where = "model provider '" + config.name() + "' (" + config.kind().configName() + ", model " + model + ")";
    return switch (failure.kind()) {
      case CREDENTIALS -> new ModelCredentialsException(config.name(),
          where + " refused the API key: " + failure.getMessage() + "; check llm.providers." + config.name()
              + ".api_key");
      case REJECTED -> new InvalidRequestException(where + " rejected the request: " + failure.getMessage());
      case QUOTA -> new UnavailableException(
          where + " reports its billing quota is exhausted (not retried): " + failure.getMessage(), failure);
      case TRANSIENT -> new UnavailableException(where + " failed after " + attempts + " attempt(s): "
          + failure.getMessage() + retryAfterHint(failure), failure);
      case MALFORMED -> new UnavailableException(where + " sent a broken reply stream: " + failure.getMessage(), failure);
      case SINK -> new PortException(failure.getMessage(), failure.getCause());
      case OTHER -> new UnavailableException(where + " failed: " + failure.getMessage(), failure);
    };
  }

  private String retryAfterHint(AttemptFailure failure) {
    Duration asked = failure.retryAfter();
    return asked != null && asked.compareTo(config.maxRetryAfter()) > 0
        ? " (the provider asked to wait " + asked.toSeconds() + " s, more than the " + config.maxRetryAfter()
            + " the adapter waits)"
        : "";
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
