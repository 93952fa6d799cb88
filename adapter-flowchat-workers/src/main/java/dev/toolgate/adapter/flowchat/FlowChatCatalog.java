package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.tool.ToolSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The 21 tools as data: names, categories, descriptions, input and output schemas and the backing
 * RPC function or endpoint, read from {@code flowchat-tools.json} beside this class.
 */
final class FlowChatCatalog {
  static final List<JsonNode> SPECS = load();
  static final Set<String> NAMES = names();

  private FlowChatCatalog() {}

  private static List<JsonNode> load() {
    List<JsonNode> specs = new ArrayList<>();
    ToolSchemas.load(FlowChatCatalog.class, "flowchat-tools.json").path("tools").forEach(specs::add);
    return List.copyOf(specs);
  }

  private static Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    SPECS.forEach(s -> names.add(s.path("name").asText()));
    return Set.copyOf(names);
  }

  /** The services a tool needs; the tool is offered only when all of them are configured. */
  static List<Service> servicesOf(JsonNode spec) {
    if (spec.has("rpc")) {
      return List.of(Service.RPC);
    }
    if (spec.has("endpoint")) {
      return List.of(Service.DATABASE);
    }
    return switch (spec.path("workflow").asText()) {
      case GenerateFacturePdfWorkflow.NAME -> List.of(Service.RPC, Service.DOCUMENT, Service.STORAGE, Service.DATABASE);
      case CreateAndSendFactureWorkflow.NAME, SendFactureEmailWorkflow.NAME ->
          List.of(Service.DATABASE, Service.RPC, Service.DOCUMENT, Service.STORAGE, Service.EMAIL);
      // The e-mail is optional in the monthly report: without EMAIL_WORKER_URL only destinataire fails.
      case MonthlyReportWorkflow.NAME -> List.of(Service.DOCUMENT, Service.STORAGE);
      default -> throw new IllegalStateException("flowchat-tools.json names an unknown workflow in " + spec.path("name"));
    };
  }

  static java.util.Map<String, String> renames(JsonNode spec) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (Iterator<String> it = spec.path("rename").fieldNames(); it.hasNext(); ) {
      String from = it.next();
      out.put(from, spec.path("rename").get(from).asText());
    }
    return out;
  }
}
