package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FlowChat CRM and invoicing tools (provider {@code flowchat}): 11 READ tools over Supabase RPC, 6
 * WRITE tools on the database worker (success only when it answers {@code validated: true}) and 4
 * WORKFLOW tools over the document, storage, email and database workers, as the FlowChat proxy
 * offers them. A tool whose worker URL is not set is not offered; which setting is missing is logged
 * once and available from {@link #unavailable()}.
 *
 * <p>Holds one pooled HTTP client and a small thread pool for the parallel workflow steps; keep one per
 * process.
 */
public final class FlowChatToolProvider implements ToolProvider {
  private static final Logger LOG = LoggerFactory.getLogger(FlowChatToolProvider.class);

  private final List<Tool> tools;
  private final Map<String, String> unavailable;
  private final WorkerClient client;
  private final ExecutorService parallel;

  public FlowChatToolProvider(FlowChatConfig config) {
    Objects.requireNonNull(config, "config");
    WorkerClient client = new WorkerClient(config);
    ExecutorService parallel = Executors.newCachedThreadPool(daemonThreads());
    List<Tool> offered = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    for (JsonNode spec : FlowChatCatalog.SPECS) {
      String name = spec.path("name").asText();
      List<String> unset = FlowChatCatalog.servicesOf(spec).stream()
          .filter(s -> config.urlOf(s).isEmpty()).map(Service::setting).toList();
      if (!unset.isEmpty()) {
        missing.put(name, String.join(", ", unset) + " not set");
        continue;
      }
      offered.add(new Tool(definition(spec, config.approvalTools()), executor(spec, client, parallel)));
    }
    if (!missing.isEmpty()) {
      LOG.info("FlowChat: {} of {} tools offered; not offered: {}", offered.size(), FlowChatCatalog.SPECS.size(), missing);
    }
    this.tools = List.copyOf(offered);
    this.unavailable = Map.copyOf(missing);
    this.client = client;
    this.parallel = parallel;
  }

  /**
   * Each service's health, checked now and in parallel ({@code GET /health} of each worker, the RPC
   * endpoint of Supabase), within {@code timeout}: {@code supabase}, {@code database}, {@code document},
   * {@code storage}, {@code email} → {@code ok}, {@code down (…)} or {@code unset (SETTING)}.
   */
  public Map<String, String> health(java.time.Duration timeout) {
    Map<String, java.util.concurrent.CompletableFuture<String>> checks = new LinkedHashMap<>();
    for (Service service : Service.values()) {
      String name = service == Service.RPC ? "supabase" : service.name().toLowerCase(java.util.Locale.ROOT);
      checks.put(name, java.util.concurrent.CompletableFuture.supplyAsync(() -> client.health(service, timeout), parallel));
    }
    Map<String, String> result = new LinkedHashMap<>();
    checks.forEach((name, check) -> result.put(name, check.join()));
    return result;
  }

  @Override
  public String name() {
    return "flowchat";
  }

  @Override
  public List<Tool> tools() {
    return tools;
  }

  /**
   * The names of all 21 FlowChat tools, offered or not: what a key scoped to "the FlowChat tools only"
   * (the seed's {@code FLOWCHAT_MCP_KEY}) is allowed to call.
   */
  public static Set<String> toolNames() {
    return FlowChatCatalog.NAMES;
  }

  /** The tools not offered, each with the settings it lacks (e.g. {@code EMAIL_WORKER_URL not set}). */
  public Map<String, String> unavailable() {
    return unavailable;
  }

  private static ToolDefinition definition(JsonNode spec, Set<String> approval) {
    String name = spec.path("name").asText();
    ToolCategory category = ToolCategory.parse(spec.path("category").asText());
    boolean read = category == ToolCategory.READ;
    // Reads are live CRM data, so not cacheable; every tool talks to the user's own systems (open world).
    // A call cut off by a crash runs again only when running twice has no additional effect.
    boolean idempotent = read || spec.path("idempotent").asBoolean(false);
    ToolAnnotations annotations = new ToolAnnotations(read, spec.path("destructive").asBoolean(false),
        idempotent, true, approval.contains(name), false, Set.of(), idempotent ? Recovery.RERUN : Recovery.UNKNOWN);
    return new ToolDefinition(name, spec.path("title").asText(), spec.path("description").asText(), category,
        spec.get("input").deepCopy(), spec.get("output").deepCopy(), annotations);
  }

  private static ToolExecutor executor(JsonNode spec, WorkerClient client, ExecutorService parallel) {
    if (spec.has("rpc")) {
      return new RpcReadTool(spec.path("rpc").asText(), client);
    }
    if (spec.has("endpoint")) {
      return new DatabaseWriteTool(spec.path("name").asText(), spec.path("endpoint").asText(),
          FlowChatCatalog.renames(spec), client);
    }
    return switch (spec.path("workflow").asText()) {
      case CreateAndSendFactureWorkflow.NAME -> new CreateAndSendFactureWorkflow(client, parallel);
      case SendFactureEmailWorkflow.NAME -> new SendFactureEmailWorkflow(client, parallel);
      case GenerateFacturePdfWorkflow.NAME -> new GenerateFacturePdfWorkflow(client);
      case MonthlyReportWorkflow.NAME -> new MonthlyReportWorkflow(client);
      default -> throw new IllegalStateException("no executor for workflow " + spec.path("workflow"));
    };
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "flowchat-step-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
