package dev.toolgate.app.cli;

import dev.toolgate.app.http.ChatViews;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.ChatTurn;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code toolgate chat export --session ID | --client KEY [--since T] [--until T]}: chat history as
 * JSON Lines, one turn per line, oldest first, with UTC timestamps (seed 002's {@code events.jsonl},
 * readable with {@code jq}).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print chat history as JSON Lines: one turn a line, oldest first, timestamps in UTC; either one session,"
          + " or every session of one client (optionally between --since and --until).",
      "Each line: session_id, client_key, seq, turn_id, request_id, key_id, at, question, answer, intent, evidence.",
      "A session: the operator or admin role, or a key scoped to its client. A client: the operator or admin role.",
      "Exits with 8 when there is no such session or client."
    })
final class ChatExportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** What to export: exactly one of a session and a client. */
  static final class Scope {
    @Option(names = "--session", paramLabel = "ID", required = true, description = "One session (its id is in every answer).")
    String session;

    @Option(names = "--client", paramLabel = "KEY", required = true, description = "Every session of this client.")
    String client;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Scope scope;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description = "With --client: turns at or after this instant (2026-11-01T09:00:00Z) or UTC day (2026-11-01).")
  private String since;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      description = "With --client: turns before this instant or UTC day (the day's start; not included).")
  private String until;

  @Override
  public Integer call() {
    if (scope.session != null && (since != null || until != null)) {
      throw new ParameterException(spec.commandLine(), "--since and --until go with --client, not --session");
    }
    Instant from = since == null ? null : instant("--since", since);
    Instant to = until == null ? null : instant("--until", until);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ParameterException(spec.commandLine(), "--since (" + from + ") must be before --until (" + to + ")");
    }
    try (Session cli = ToolgateCommand.of(spec).openSession()) {
      List<ChatTurn> turns =
          scope.session != null
              ? cli.toolgate().chat().history(cli.principal(), scope.session)
              : cli.toolgate().chat().clientHistory(cli.principal(), scope.client, from, to);
      PrintWriter out = cli.printer().out();
      for (ChatTurn turn : turns) {
        out.println(Json.write(ChatViews.turn(turn)));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** An ISO instant, or a date read as the start of that day in UTC. */
  private Instant instant(String option, String value) {
    try {
      return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be an instant such as 2026-11-01T09:00:00Z or a UTC day such as 2026-11-01, got '" + value + "'");
    }
  }
}
