package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.ModelViews;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toolgate models}: the language models the chat may use, as {@code GET /models} lists them. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "List the configured language models, the default first, with their prices per million tokens.",
      "Models come from the providers' keys (OPENAI_API_KEY with an optional OPENAI_BASE_URL, GROQ_API_KEY,"
          + " ANTHROPIC_API_KEY, GEMINI_API_KEY; TOOLGATE_LLM_MODEL picks the model) or from a config.yaml"
          + " named by TOOLGATE_LLM_CONFIG or MCP_CONFIG_PATH. Without any, chat is rule-based.",
      "Reads settings only: no key is shown and no provider is called."
    })
final class ModelsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    ToolgateCommand root = ToolgateCommand.of(spec);
    ObjectNode models = ModelViews.models(root.settings().llm());
    Printer printer = root.printer();
    if (!printer.table()) {
      printer.json(models);
      return ExitCodes.OK;
    }
    if (models.path("models").isEmpty()) {
      printer.line("No language model is configured: chat answers with the rule-based planner.");
      return ExitCodes.OK;
    }
    Table table = Table.of("NAME", "KIND", "DEFAULT", "API KEY", "INPUT $/1M", "OUTPUT $/1M", "PRICE AS OF");
    for (JsonNode model : models.path("models")) {
      JsonNode price = model.path("price");
      table.row(
          model.path("name").asText(), model.path("kind").asText(), model.path("default").asBoolean() ? "yes" : "",
          model.path("client_key_required").asBoolean() ? "client's own"
              : model.path("api_key_set").asBoolean() ? "server" : "none",
          price.isNull() ? "-" : price.path("input_per_million").decimalValue().toPlainString(),
          price.isNull() ? "-" : price.path("output_per_million").decimalValue().toPlainString(),
          price.isNull() ? "unpriced" : price.path("as_of").asText());
    }
    printer.table(table);
    printer.line("streaming: " + (models.path("streaming").asBoolean() ? "on" : "off"));
    return ExitCodes.OK;
  }
}
