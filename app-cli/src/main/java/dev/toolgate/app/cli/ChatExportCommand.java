package dev.toolgate.app.cli;

import dev.toolgate.app.http.ChatViews;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.ChatTurn;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toolgate chat export --session ID}: a session's chat history as JSON Lines, one turn per line,
 * oldest first, with UTC timestamps (seed 002's {@code events.jsonl}, readable with {@code jq}).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print a chat session's history as JSON Lines: one turn a line, oldest first, timestamps in UTC.",
      "Each line: session_id, client_key, seq, turn_id, request_id, key_id, at, question, answer, intent, evidence.",
      "Needs the operator or admin role. Exits with 8 when there is no such session."
    })
final class ChatExportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--session", paramLabel = "ID", required = true, description = "The session (its id is in every answer).")
  private String session;

  @Override
  public Integer call() {
    try (Session cli = ToolgateCommand.of(spec).openSession()) {
      List<ChatTurn> turns = cli.toolgate().chat().history(cli.principal(), session);
      PrintWriter out = cli.printer().out();
      for (ChatTurn turn : turns) {
        out.println(Json.write(ChatViews.turn(turn)));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
