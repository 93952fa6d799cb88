package dev.toolgate.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.app.http.MalformedJson;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolgate tools}: discover tools and call them through the guarded pipeline. */
@Command(
    name = "tools",
    mixinStandardHelpOptions = true,
    description = "List, describe and call tools.",
    subcommands = {ToolsCommand.ListTools.class, ToolsCommand.Describe.class, ToolsCommand.Call.class})
final class ToolsCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code tools list}: the tools the principal may call. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tools you may call.")
  static final class ListTools implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        List<ToolDefinition> tools = session.toolgate().catalog().visibleTo(session.principal());
        Printer printer = session.printer();
        if (printer.table()) {
          Table table = Table.of("NAME", "CATEGORY", "APPROVAL", "TITLE");
          tools.forEach(
              t ->
                  table.row(
                      t.name(),
                      t.category().wireName(),
                      t.annotations().requiresApproval() ? "required" : "-",
                      t.title()));
          printer.table(table);
        } else {
          ObjectNode document = Json.object();
          ArrayNode array = document.putArray("tools");
          tools.forEach(t -> array.add(JsonViews.toolSummary(t)));
          document.put("total", tools.size());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code tools describe NAME}: one tool with its input and output schemas. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show a tool with its input and output JSON Schemas.")
  static final class Describe implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The tool's name.")
    private String name;

    @Override
    public Integer call() {
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        ToolDefinition tool =
            session
                .toolgate()
                .catalog()
                .find(session.principal(), name)
                .orElseThrow(
                    () -> new CliException(ExitCodes.NOT_FOUND, "no tool named '" + name + "' that you may call"));
        Printer printer = session.printer();
        if (printer.table()) {
          printer.table(
              Table.of("NAME", "CATEGORY", "VERSION", "APPROVAL", "TITLE")
                  .row(
                      tool.name(),
                      tool.category().wireName(),
                      tool.version(),
                      tool.annotations().requiresApproval() ? "required" : "-",
                      tool.title()));
          printer.line("");
          printer.line(tool.description());
          printer.line("");
          printer.line("Input schema:");
          printer.line(Printer.pretty(tool.inputSchema()));
          printer.line("Output schema:");
          printer.line(Printer.pretty(tool.outputSchema()));
        } else {
          printer.json(JsonViews.toolDetails(tool));
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code tools call NAME}: one guarded call; exits with the outcome's code. */
  @Command(
      name = "call",
      mixinStandardHelpOptions = true,
      description = {
        "Call a tool through the guarded pipeline (policy, rate limit, validation, idempotency,"
            + " approval, audit).",
        "Prints the outcome in the REST API's shape and exits with its code; a call that needs"
            + " approval exits 5 with the approval id on stdout."
      })
  static final class Call implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The tool's name.")
    private String name;

    @ArgGroup(exclusive = true)
    private ArgumentsSource source;

    @Option(
        names = "--idempotency-key",
        paramLabel = "K",
        description = "Repeat the call with the same key to get the stored outcome instead of a second effect.")
    private String idempotencyKey;

    static final class ArgumentsSource {
      @Option(names = "--args", paramLabel = "JSON", description = "The arguments as a JSON object (default {}).")
      private String json;

      @Option(
          names = "--args-file",
          paramLabel = "FILE",
          description = "Read the arguments from this file, or from standard input if FILE is -.")
      private String file;
    }

    @Override
    public Integer call() {
      ToolgateCommand top = ToolgateCommand.of(spec);
      JsonNode arguments = arguments(top);
      try (Session session = top.openSession()) {
        ToolOutcome outcome =
            session
                .toolgate()
                .calls()
                .call(new CallToolCommand(session.principal(), name, arguments, idempotencyKey, session.requestId()));
        print(session.printer(), outcome, session.requestId());
        return ExitCodes.of(outcome);
      }
    }

    private JsonNode arguments(ToolgateCommand top) {
      if (source == null) {
        return null;
      }
      if (source.json != null) {
        return parse(source.json, "--args");
      }
      String origin = "-".equals(source.file) ? "standard input" : "--args-file " + source.file;
      try {
        String text =
            "-".equals(source.file)
                ? new String(top.stdin().readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(top.resolve(Path.of(source.file)), StandardCharsets.UTF_8);
        return parse(text, origin);
      } catch (IOException e) {
        throw new CliException(ExitCodes.INVALID_INPUT, "cannot read " + origin + ": " + e, e);
      }
    }

    private static JsonNode parse(String text, String origin) {
      if (text.isBlank()) {
        throw new CliException(ExitCodes.INVALID_INPUT, origin + " is empty; expected a JSON object");
      }
      try {
        return Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
      } catch (JsonProcessingException e) {
        // The same wording as the REST API's malformed_json: line, column and the problem.
        throw new CliException(ExitCodes.INVALID_INPUT, MalformedJson.message(origin, e), e);
      }
    }

    private static void print(Printer printer, ToolOutcome outcome, String requestId) {
      if (!printer.table()) {
        printer.json(JsonViews.toolCall(outcome).put("request_id", requestId));
      } else if (outcome.isSuccess()) {
        ObjectNode body = JsonViews.toolCall(outcome);
        printer.line(
            outcome.tool() + ": ok" + (body.path("idempotent_replay").asBoolean() ? " (idempotent replay)" : "")
                + (body.path("cache").path("hit").asBoolean()
                    ? " (from cache, " + body.path("cache").path("age_ms").asLong() + " ms old)"
                    : ""));
        printer.line(Printer.pretty(body.path("result")));
      } else if (outcome.kind() == ToolOutcome.Kind.APPROVAL_REQUIRED) {
        ObjectNode details = outcome.details();
        printer.table(
            Table.of("APPROVAL", "TOOL", "EXPIRES")
                .row(details.path("approval_id").asText(), outcome.tool(), details.path("expires_at").asText()));
      }
      if (!outcome.isSuccess()) {
        printer.note("toolgate: " + outcome.code() + ": " + outcome.message() + " (request " + requestId + ")");
        if (printer.table()) {
          for (JsonNode error : outcome.details().path("errors")) {
            String field = error.path("field").asText();
            printer.note("  " + (field.isEmpty() ? "(arguments)" : field) + ": " + error.path("message").asText());
          }
        }
      }
    }
  }
}
