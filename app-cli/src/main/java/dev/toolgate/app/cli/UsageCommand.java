package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.UsageRow;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code toolgate usage}: the usage counters per day, client and tool, as {@code GET /usage} shows them. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = {
      "Show calls, errors, latency, tokens in and out and cost per day (UTC), client and tool.",
      "Model replies are counted under tool llm:<provider>/<model> with their tokens and cost in USD."
    })
final class UsageCommand implements Callable<Integer> {
  private static final int MAX_DAYS = 366;

  @Spec private CommandSpec spec;

  @Option(names = "--from", paramLabel = "DATE", description = "First day (default: 29 days before --to).")
  private LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day (default: today, UTC).")
  private LocalDate to;

  @Option(names = "--client", paramLabel = "KEY", description = "Only this client.")
  private String client;

  @Override
  public Integer call() {
    LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
    LocalDate first = from != null ? from : last.minusDays(29);
    if (first.isAfter(last)) {
      throw new ParameterException(spec.commandLine(), "--from (" + first + ") must not be after --to (" + last + ")");
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw new ParameterException(spec.commandLine(), "ask for at most " + MAX_DAYS + " days at once");
    }
    try (Session session = ToolgateCommand.of(spec).openSession()) {
      List<UsageRow> rows = session.toolgate().usage().query(session.principal(), first, last, client);
      Printer printer = session.printer();
      if (printer.table()) {
        Table table = Table.of("DAY", "CLIENT", "TOOL", "CALLS", "ERRORS", "AVG MS", "TOKENS IN", "TOKENS OUT", "COST USD");
        for (UsageRow row : rows) {
          table.row(row.day(), row.clientKey(), row.tool(), row.calls(), row.errors(),
              row.calls() == 0 ? 0 : row.totalLatencyMs() / row.calls(), row.tokensIn(), row.tokensOut(),
              row.costUsd() == null ? "" : row.costUsd().toPlainString());
        }
        printer.table(table);
      } else {
        ObjectNode document = Json.object();
        document.put("from", first.toString());
        document.put("to", last.toString());
        document.put("client_key", client);
        ArrayNode array = document.putArray("rows");
        rows.forEach(row -> array.add(JsonViews.usage(row)));
        printer.json(document);
      }
      return ExitCodes.OK;
    }
  }
}
