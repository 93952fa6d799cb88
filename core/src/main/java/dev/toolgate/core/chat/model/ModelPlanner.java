package dev.toolgate.core.chat.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ModelUsage;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.chat.PlannerUnavailableException;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.chat.PlanningRequest;
import dev.toolgate.ports.chat.ToolStep;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelParameters;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelStream;
import dev.toolgate.ports.llm.ModelTool;
import dev.toolgate.ports.llm.ModelToolCall;
import dev.toolgate.ports.llm.TokenCounter;
import dev.toolgate.ports.tool.ToolDefinition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Planner} backed by a language model: the model sees the system prompt, the session's
 * earlier turns, the question, the tools the principal may call and this turn's calls and results;
 * when it asks for tools the orchestrator runs them through the guarded pipeline and asks again, and
 * its text reply is the answer. Every reply's tokens and cost travel with the plan.
 *
 * <p>The model sees every tool with its schema, or with {@link ModelPlannerConfig#compactCatalogue()}
 * the compact catalogue's three meta-tools ({@link ModelCatalogue}, the same as MCP sessions get).
 *
 * <p>The conversation is fitted to the context window first ({@link ContextWindow}). With streaming
 * on, the reply's text reaches {@link PlanningRequest#events()} as the provider sends it.
 *
 * <p>Per-call token counts are logged at debug level on the logger {@code dev.toolgate.tokens} (the
 * apps turn it on with {@code DEBUG_TOKENS=1}); the prompt's text never is.
 */
public final class ModelPlanner implements Planner {
  private static final Logger log = LoggerFactory.getLogger(ModelPlanner.class);
  /** The logger of per-call token counts, at debug level. */
  public static final String TOKENS_LOGGER = "dev.toolgate.tokens";

  private static final Logger tokens = LoggerFactory.getLogger(TOKENS_LOGGER);
  /** How many rounds of catalogue look-ups (compact catalogue) one plan may take before it gives up. */
  static final int MAX_CATALOGUE_LOOKUPS = 5;

  private final List<ConfiguredModel> models;
  private final ModelPlannerConfig config;
  private final ContextWindow window;
  private final ClientModelKeys clientKeys;
  private final TokenCounter counter;
  /** Models on clients' own keys, by provider and client; rebuilt when the client's key changes. */
  private final Map<String, KeyedModel> clientModels = new ConcurrentHashMap<>();

  /**
   * @param models the models a question may choose, the default first; at least one, names unique
   * @param counter counts tokens for fitting the context (a tokenizer, or {@link TokenCounter#ROUGH})
   */
  public ModelPlanner(List<ConfiguredModel> models, ModelPlannerConfig config, TokenCounter counter) {
    this(models, config, counter, ClientModelKeys.NONE);
  }

  /**
   * @param clientKeys clients' own provider keys: a client that has one for the chosen model's provider
   *     is answered on it instead of the server's key
   */
  public ModelPlanner(
      List<ConfiguredModel> models, ModelPlannerConfig config, TokenCounter counter, ClientModelKeys clientKeys) {
    this.clientKeys = Objects.requireNonNull(clientKeys, "clientKeys");
    this.models = List.copyOf(Objects.requireNonNull(models, "models"));
    if (this.models.isEmpty()) {
      throw new IllegalArgumentException("a model planner needs at least one configured model");
    }
    if (this.models.stream().map(ConfiguredModel::qualifiedName).distinct().count() != this.models.size()) {
      throw new IllegalArgumentException("configured models must be unique, got " + models());
    }
    this.config = Objects.requireNonNull(config, "config");
    this.window = new ContextWindow(config, Objects.requireNonNull(counter, "counter"));
    this.counter = counter;
  }

  /** The same planner, answering each client that stored its own provider key on that key. */
  public ModelPlanner withClientKeys(ClientModelKeys keys) {
    return new ModelPlanner(models, config, counter, keys);
  }

  /** Each configured model as {@code provider/model}, the default first. */
  @Override
  public List<String> models() {
    return models.stream().map(ConfiguredModel::qualifiedName).toList();
  }

  @Override
  public Plan plan(PlanningRequest request) {
    ConfiguredModel chosen = choose(request.model());
    boolean compact = config.compactCatalogue();
    ToolNames names = new ToolNames(request.tools());
    List<ModelTool> tools = compact ? ModelCatalogue.tools() : tools(request.tools(), names);
    List<ModelMessage> messages = new ArrayList<>();
    messages.add(new ModelMessage.System(systemPrompt(request)));
    for (ChatTurn turn : request.history()) {
      if (!turn.question().isBlank() && !turn.answer().isBlank()) {
        messages.add(new ModelMessage.User(turn.question()));
        messages.add(new ModelMessage.Assistant(turn.answer(), List.of()));
      }
    }
    int question = messages.size();
    messages.add(new ModelMessage.User(request.text()));
    messages.addAll(steps(request.steps(), names, compact));
    ModelUsage usage = null;
    // With the compact catalogue the model may search and describe (answered here) before it calls.
    for (int lookups = 0; ; lookups++) {
      ModelReply reply = ask(chosen, request, messages, question, tools);
      usage = plus(usage, usage(chosen, reply));
      if (reply.toolCalls().isEmpty()) {
        return new Plan.Answer(answerText(reply), usage);
      }
      if (!compact) {
        return new Plan.CallTools(
            reply.toolCalls().stream()
                .map(call -> new PlannedCall(call.id(), names.toolName(call.name()), call.arguments()))
                .toList(),
            usage);
      }
      List<PlannedCall> calls = reply.toolCalls().stream().flatMap(call -> ModelCatalogue.call(call).stream()).toList();
      if (!calls.isEmpty()) {
        return new Plan.CallTools(calls, usage);
      }
      if (lookups == MAX_CATALOGUE_LOOKUPS) {
        return new Plan.Answer("I stopped before finishing: the model looked the tool catalogue up "
            + MAX_CATALOGUE_LOOKUPS + " times without calling a tool.", usage);
      }
      messages.add(new ModelMessage.Assistant(reply.text().isBlank() ? null : reply.text(), reply.toolCalls()));
      reply.toolCalls().forEach(call -> messages.add(ModelCatalogue.lookUp(call, request.tools())));
    }
  }

  /** One model call on the conversation fitted to the context window. */
  private ModelReply ask(
      ConfiguredModel chosen, PlanningRequest request, List<ModelMessage> messages, int question, List<ModelTool> tools) {
    ContextWindow.Fitted fitted = window.fit(messages, question, tools);
    if (fitted.dropped() > 0 || fitted.cut() > 0) {
      log.debug("context of {} fitted to {} tokens: {} earlier message(s) left out, {} tool result(s) cut",
          chosen.qualifiedName(), fitted.tokens(), fitted.dropped(), fitted.cut());
    }
    ModelRequest modelRequest =
        new ModelRequest(chosen.model(), fitted.messages(), tools, ModelParameters.DEFAULTS, config.streaming(),
            "plan-" + UUID.randomUUID());
    ModelReply reply;
    try {
      reply = languageModel(chosen, request.clientKey()).chat(modelRequest, config.streaming() ? textTo(request) : ModelStream.NONE);
    } catch (PortException e) {
      // A refused key or a rejected request is the gateway's configuration, not the asker's mistake.
      throw new PlannerUnavailableException(
          "the model " + chosen.qualifiedName() + " could not answer: " + e.getMessage(), e);
    }
    tokens.debug("model call {}: {} tokens in, {} out{}, cost {} USD, {} tool call(s), context estimate {}",
        chosen.qualifiedName(), reply.usage().input(), reply.usage().output(),
        reply.usage().estimated() ? " (estimated)" : "", reply.costUsd(), reply.toolCalls().size(), fitted.tokens());
    return reply;
  }

  private static String answerText(ModelReply reply) {
    String text = reply.text().strip();
    if (text.isEmpty()) {
      return "The model gave no answer (it stopped with '" + reply.finishReason() + "').";
    }
    if ("length".equals(reply.finishReason())) {
      return text + "\n\n(The answer was cut short: the model reached its reply limit.)";
    }
    return text;
  }

  /** Two replies' usage as one: tokens and cost added, estimated if either was. */
  private static ModelUsage plus(ModelUsage sum, ModelUsage next) {
    if (sum == null) {
      return next;
    }
    return new ModelUsage(next.provider(), next.model(), sum.inputTokens() + next.inputTokens(),
        sum.outputTokens() + next.outputTokens(), sum.costUsd().add(next.costUsd()), sum.estimated() || next.estimated());
  }

  @Override
  public Optional<String> refusal(String model, String clientKey) {
    ConfiguredModel chosen = choose(model);
    if (!chosen.clientKeyRequired()
        || (clientKey != null && clientKeys.find(clientKey, chosen.provider()).isPresent())) {
      return Optional.empty();
    }
    return Optional.of(missingKey(chosen, clientKey));
  }

  private static String missingKey(ConfiguredModel chosen, String clientKey) {
    return "the model " + chosen.qualifiedName() + " is offered only on clients' own keys, and client '" + clientKey
        + "' has stored no " + chosen.provider() + " key (an admin stores one with PUT /admin/clients/" + clientKey
        + " {\"model_api_keys\": {\"" + chosen.provider() + "\": …}}); choose another model";
  }

  /**
   * The chosen model's client: on the asking client's own key for that provider when it stored one,
   * else the server's. A model per (provider, client) is kept while the key stays the same.
   */
  private LanguageModel languageModel(ConfiguredModel chosen, String clientKey) {
    Optional<String> own = clientKey == null ? Optional.empty() : clientKeys.find(clientKey, chosen.provider());
    if (own.isEmpty()) {
      if (chosen.clientKeyRequired()) {
        // The orchestrator refuses such a question first; a key removed since (a resumed turn) ends here.
        throw new PlannerUnavailableException(missingKey(chosen, clientKey), null);
      }
      return chosen.languageModel();
    }
    String apiKey = own.get();
    KeyedModel kept =
        clientModels.compute(
            chosen.provider() + "\u0000" + clientKey,
            (ignored, old) -> old != null && old.apiKey.equals(apiKey)
                ? old
                : new KeyedModel(apiKey, chosen.languageModel().withApiKey(apiKey)));
    log.debug("model {} answers client {} on its own key", chosen.qualifiedName(), clientKey);
    return kept.model;
  }

  /** A model on a client's key and the key it was built with (to notice a new key); no toString with the key. */
  private static final class KeyedModel {
    private final String apiKey;
    private final LanguageModel model;

    KeyedModel(String apiKey, LanguageModel model) {
      this.apiKey = apiKey;
      this.model = model;
    }
  }

  /** The named model: {@code provider/model} as in {@link #models()}; null for the default. */
  private ConfiguredModel choose(String wanted) {
    if (wanted == null) {
      return models.get(0);
    }
    return models.stream()
        .filter(m -> m.qualifiedName().equals(wanted))
        .findFirst()
        // The orchestrator refuses unknown names before planning; this is a programming error.
        .orElseThrow(() -> new IllegalArgumentException("model '" + wanted + "' is not one of " + models()));
  }

  private String systemPrompt(PlanningRequest request) {
    LocalDate today = LocalDate.ofInstant(request.now(), request.timeZone());
    return config.systemPrompt() + "\n\nToday is " + today + " ("
        + today.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ") in the client's time zone "
        + request.timeZone().getId() + "; weeks start on Monday. Dates in tool arguments are YYYY-MM-DD.";
  }

  private static List<ModelTool> tools(List<ToolDefinition> definitions, ToolNames names) {
    List<ModelTool> tools = new ArrayList<>();
    for (ToolDefinition definition : definitions) {
      names.modelName(definition.name()).ifPresentOrElse(
          name -> tools.add(new ModelTool(name, description(definition), objectSchema(definition.inputSchema()))),
          () -> log.debug("tool '{}' is not offered to the model: its name does not fit the providers' rules",
              definition.name()));
    }
    return tools;
  }

  private static String description(ToolDefinition definition) {
    return definition.description().isBlank() ? definition.title() : definition.description();
  }

  /** Providers want an object schema; a tool without one takes an object of anything. */
  private static JsonNode objectSchema(JsonNode schema) {
    if (schema.isObject() && "object".equals(schema.path("type").asText())) {
      return schema;
    }
    ObjectNode object = Json.object();
    object.put("type", "object");
    if (schema.isObject() && schema.has("properties")) {
      object.setAll((ObjectNode) schema.deepCopy());
      object.put("type", "object");
    }
    return object;
  }

  /**
   * This turn's calls as the model made them (one assistant message per round) and their results;
   * a refused or failed call is an error result whose content says why.
   */
  private static List<ModelMessage> steps(List<ToolStep> steps, ToolNames names, boolean compact) {
    List<ModelMessage> messages = new ArrayList<>();
    int i = 0;
    while (i < steps.size()) {
      int hop = steps.get(i).hop();
      List<ModelToolCall> calls = new ArrayList<>();
      List<ModelMessage> results = new ArrayList<>();
      do {
        ToolStep step = steps.get(i);
        String id = step.call().id() == null ? "call_" + (i + 1) : step.call().id();
        JsonNode arguments = step.call().arguments().isObject() ? step.call().arguments() : Json.object();
        ModelToolCall call = compact
            ? ModelCatalogue.asMetaCall(id, step.call().tool(), arguments)
            : new ModelToolCall(id, names.spelledForModel(step.call().tool()), arguments);
        String name = call.name();
        calls.add(call);
        results.add(new ModelMessage.ToolResult(id, name, Json.write(step.result()), !step.succeeded()));
        i++;
      } while (i < steps.size() && hop != 0 && steps.get(i).hop() == hop);
      messages.add(new ModelMessage.Assistant(null, calls));
      messages.addAll(results);
    }
    return messages;
  }

  private static ModelStream textTo(PlanningRequest request) {
    return new ModelStream() {
      @Override
      public void text(String delta) {
        request.events().text(delta);
      }

      @Override
      public void toolCall(ModelToolCall call) {
        // The orchestrator reports each call as it runs it through the pipeline.
      }
    };
  }

  private static ModelUsage usage(ConfiguredModel chosen, ModelReply reply) {
    return new ModelUsage(
        chosen.provider(), reply.model().isBlank() ? chosen.model() : reply.model(), reply.usage().input(),
        reply.usage().output(), reply.costUsd() == null ? BigDecimal.ZERO : reply.costUsd(), reply.usage().estimated());
  }
}
