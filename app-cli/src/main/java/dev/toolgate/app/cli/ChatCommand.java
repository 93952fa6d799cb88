package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.ChatViews;
import dev.toolgate.core.chat.ChatAnswer;
import dev.toolgate.core.chat.ChatOutcome;
import dev.toolgate.ports.chat.ChatEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolgate chat}: ask a question about a client's marketing data; the answer comes with its evidence. */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    subcommands = ChatExportCommand.class,
    description = {
      "Ask about a client's campaign and flow performance.",
      "For example:",
      "  toolgate chat --client demo \"summarize last week's campaign performance\"",
      "The answer has the figures and an evidence block (tools called, resolved dates, cache, upstream"
          + " request ids, timings). The demo client answers from a built-in sample data set.",
      "toolgate chat export --session ID prints a session's history as JSON Lines.",
      "Refusals exit with 8 (unknown client), 3 (key scoped to another client), 6 (session of another"
          + " client) or 4 (empty or over-long question, bad session id, a model not configured).",
      "With a language model configured (see toolgate models) the model plans the tool calls and writes"
          + " the answer; figures not found in the tools' results are flagged."
    })
final class ChatCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  // Checked in call() rather than by picocli, which would also demand them for `chat export`.
  @Option(names = "--client", paramLabel = "KEY", description = "The client to ask about, e.g. demo (required).")
  private String client;

  @Option(names = "--session", paramLabel = "ID", description = "Continue this session (its id is in every answer).")
  private String session;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "Answer with this configured model, e.g. openai/gpt-6-luna (see toolgate models).")
  private String model;

  @Parameters(paramLabel = "QUESTION", arity = "0..*", description = "The question (several words need no quotes).")
  private List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    if (client == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--client=KEY'");
    }
    if (words.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'QUESTION'");
    }
    try (Session cli = ToolgateCommand.of(spec).openSession()) {
      ChatOutcome outcome =
          cli.toolgate().chat().chat(
              new dev.toolgate.core.chat.ChatCommand(
                  cli.principal(), client, String.join(" ", words), session, cli.requestId(), ChatEvents.NONE,
                  model));
      Printer printer = cli.printer();
      if (outcome instanceof ChatOutcome.Refused refused) {
        throw new CliException(exitCode(refused), refused.code() + ": " + refused.message());
      }
      ChatAnswer answer = ((ChatOutcome.Answered) outcome).answer();
      if (printer.table()) {
        printer.line(answer.text());
        printer.line("");
        printer.table(evidence(answer.evidence()));
        printer.line("session: " + answer.sessionId() + "   intent: " + answer.intent()
            + (answer.sampleData() ? "   (sample data)" : ""));
      } else {
        ObjectNode document = ChatViews.answer(answer);
        printer.json(document);
      }
      return ExitCodes.OK;
    }
  }

  /** One row per tool call: what was asked, for which days, and where the answer came from. */
  private static Table evidence(JsonNode evidence) {
    Table table = Table.of("TOOL", "FROM", "TO", "OUTCOME", "CACHE", "SOURCE", "UPSTREAM REQUEST IDS", "MS");
    for (JsonNode call : evidence.path("tool_calls")) {
      List<String> ids = new ArrayList<>();
      call.path("upstream_request_ids").forEach(id -> ids.add(id.asText()));
      table.row(
          call.path("tool").asText(),
          call.path("arguments").path("start").asText(),
          call.path("arguments").path("end").asText(),
          call.path("outcome").asText(),
          call.path("cache_hit").asBoolean() ? "hit (" + call.path("cache_age_ms").asLong() / 1000 + " s old)" : "miss",
          call.path("source").asText(null),
          String.join(",", ids),
          call.path("latency_ms").asLong());
    }
    return table;
  }

  private static int exitCode(ChatOutcome.Refused refused) {
    return switch (ChatViews.status(refused)) {
      case 404 -> ExitCodes.NOT_FOUND;
      case 403 -> ExitCodes.FORBIDDEN;
      case 409 -> ExitCodes.CONFLICT;
      default -> ExitCodes.INVALID_INPUT;
    };
  }
}
