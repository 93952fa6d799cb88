package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.core.audit.AuditSegmentFiles;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.core.audit.ChainWalk;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code toolgate audit}: read, verify, export and prune the hash-chained audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read, verify, export and prune the hash-chained audit log.",
    subcommands = {
      AuditCommand.Tail.class, AuditCommand.Verify.class, AuditCommand.Export.class, AuditPruneCommand.class
    })
final class AuditCommand implements Runnable {
  /** Records fetched per page while exporting. */
  private static final int EXPORT_PAGE = 1000;

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code audit tail}: the newest records, oldest of them first. */
  @Command(name = "tail", mixinStandardHelpOptions = true, description = "Show the newest audit records.")
  static final class Tail implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20", description = "How many records (default 20).")
    private int count;

    @Override
    public Integer call() {
      if (count < 1 || count > AuditQuery.MAX_LIMIT) {
        throw new ParameterException(spec.commandLine(), "-n must be 1-" + AuditQuery.MAX_LIMIT + ", got " + count);
      }
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        List<AuditRecord> records =
            new ArrayList<>(session.toolgate().audit().query(session.principal(), AuditQuery.tail(count)));
        Collections.reverse(records);
        Printer printer = session.printer();
        if (printer.table()) {
          printer.table(table(records));
        } else {
          ObjectNode document = Json.object();
          ArrayNode array = document.putArray("records");
          records.forEach(r -> array.add(r.toJson()));
          document.put("total", records.size());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code audit verify}: walks the kept chain, or checks an exported segment offline; exits 1 if broken. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check every record's hash and link, from the first record or, after a prune, from the"
            + " checkpoint (the last pruned record's hash); exits 1 if the chain is broken.",
        "With --file, check an exported segment (JSON Lines, .gz too) offline, without the store;"
            + " --checkpoint HASH also requires it to end at that hash (the checkpoint its prune left)."
      })
  static final class Verify implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "An exported segment to check offline.")
    private Path file;

    @Option(names = "--checkpoint", paramLabel = "HASH", description = "With --file: the hash the segment must end at.")
    private String checkpoint;

    @Override
    public Integer call() {
      if (checkpoint != null && file == null) {
        throw new ParameterException(spec.commandLine(), "--checkpoint needs --file");
      }
      if (file != null) {
        return verifyFile();
      }
      try (Session session = ToolgateCommand.of(spec).openSession()) {
        ChainVerification check = session.toolgate().audit().verify(session.principal());
        Printer printer = session.printer();
        if (printer.table()) {
          printer.line(
              check.valid()
                  ? "audit chain valid: " + check.checked() + " records checked"
                  : "audit chain BROKEN at seq " + check.firstBadSeq() + ": " + check.problem());
        } else {
          printer.json(JsonViews.verification(check));
        }
        if (!check.valid()) {
          printer.note("toolgate: the audit chain is broken at seq " + check.firstBadSeq() + ": " + check.problem());
        }
        return check.valid() ? ExitCodes.OK : ExitCodes.FAILED;
      }
    }

    private int verifyFile() {
      Path target = ToolgateCommand.of(spec).resolve(file);
      ChainWalk walk;
      try {
        walk = AuditSegmentFiles.verify(target);
      } catch (IOException e) {
        throw new CliException(ExitCodes.FAILED, "cannot read " + target + ": " + e, e);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
      }
      ChainVerification check = walk.result();
      String problem = check.problem();
      if (check.valid() && checkpoint != null && !checkpoint.equals(walk.lastHash())) {
        problem = "the segment ends at hash " + walk.lastHash() + ", not at the checkpoint " + checkpoint;
      }
      boolean valid = problem == null;
      PrintWriter out = new PrintWriter(spec.commandLine().getOut(), true);
      ObjectNode document = Json.object();
      document.put("valid", valid);
      document.put("checked", check.checked());
      document.put("first_seq", walk.firstSeq());
      document.put("last_hash", walk.lastHash());
      document.put("first_bad_seq", check.firstBadSeq());
      document.put("problem", problem);
      out.println(Json.write(document));
      if (!valid) {
        spec.commandLine().getErr().println("toolgate: segment " + target + " does not verify: " + problem);
      }
      return valid ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** {@code audit export}: every record (or the oldest segment) as JSON Lines, to stdout or a file. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Export every audit record as JSON Lines (one JSON object per line, oldest first; on a store"
            + " with a chain per gateway process, each chain in seq order, chains interleaved by time).",
        "With --before, only the oldest segment: the records 'toolgate audit prune --before' with the"
            + " same date deletes.",
        "With --output-file the records are written to a temporary file that is moved into place"
            + " only when complete, so a failed export leaves no half-written file; a name ending in"
            + " .gz is gzip-compressed."
      })
  static final class Export implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write here instead of to stdout.")
    private Path file;

    @Option(
        names = "--before",
        paramLabel = "DATE",
        description = "Only the oldest records before this date (2026-12-01, midnight UTC) or instant.")
    private String before;

    @Override
    public Integer call() {
      ToolgateCommand top = ToolgateCommand.of(spec);
      Instant cut = before == null ? null : parseBefore(spec, before);
      try (Session session = top.openSession()) {
        Printer printer = session.printer();
        AuditSegmentFiles.Source source = sink -> export(session, cut, sink);
        if (file == null) {
          PrintWriter out = printer.out();
          AuditSegmentFiles.write(out, source);
          out.flush();
          return ExitCodes.OK;
        }
        Path target = top.resolve(file);
        AuditSegmentFiles.Written written;
        try {
          written = AuditSegmentFiles.writeAtomically(target, source);
        } catch (IOException e) {
          throw new CliException(ExitCodes.FAILED, "cannot export to " + target + ": " + e, e);
        }
        if (printer.table()) {
          printer.line("exported " + written.count() + " audit records to " + target);
        } else {
          ObjectNode document = Json.object();
          document.put("exported", written.count());
          document.put("last_seq", written.lastSeq());
          document.put("file", target.toString());
          document.put("request_id", session.requestId());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }

    private static long export(Session session, Instant before, Consumer<AuditRecord> sink) {
      if (before != null) {
        return session.toolgate().audit().exportSegment(session.principal(), before, sink);
      }
      long[] last = new long[1];
      session
          .toolgate()
          .audit()
          .export(session.principal(), AuditQuery.page(null, EXPORT_PAGE), record -> {
            sink.accept(record);
            last[0] = record.seq();
          });
      return last[0];
    }
  }

  static Instant parseBefore(CommandSpec spec, String value) {
    try {
      return AuditSegmentFiles.parseBefore(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** One line per record, as the demo prints its trail too. */
  static Table table(List<AuditRecord> records) {
    Table table = Table.of("SEQ", "AT", "OUTCOME", "CODE", "TOOL", "KEY", "REQUEST");
    for (AuditRecord record : records) {
      AuditEntry e = record.entry();
      table.row(record.seq(), e.at(), e.outcome(), e.code(), e.tool(), e.keyId(), e.requestId());
    }
    return table;
  }
}
