package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.JsonViews;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code toolgate audit}: read, verify and export the hash-chained audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read, verify and export the hash-chained audit log.",
    subcommands = {AuditCommand.Tail.class, AuditCommand.Verify.class, AuditCommand.Export.class})
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

  /** {@code audit verify}: walks the whole chain; exits 1 if it is broken. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check every record's hash and link from the first; exits 1 if the chain is broken.")
  static final class Verify implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
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
  }

  /** {@code audit export}: every record as JSON Lines, to stdout or atomically to a file. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Export every audit record as JSON Lines (one JSON object per line, in seq order).",
        "With --output-file the records are written to a temporary file that is moved into place"
            + " only when complete, so a failed export leaves no half-written file."
      })
  static final class Export implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write here instead of to stdout.")
    private Path file;

    @Override
    public Integer call() {
      ToolgateCommand top = ToolgateCommand.of(spec);
      try (Session session = top.openSession()) {
        Printer printer = session.printer();
        if (file == null) {
          PrintWriter out = printer.out();
          export(session, out);
          out.flush();
          return ExitCodes.OK;
        }
        Path target = top.resolve(file);
        long count;
        try {
          count = exportAtomically(session, target);
        } catch (IOException e) {
          throw new CliException(ExitCodes.FAILED, "cannot export to " + target + ": " + e, e);
        }
        if (printer.table()) {
          printer.line("exported " + count + " audit records to " + target);
        } else {
          ObjectNode document = Json.object();
          document.put("exported", count);
          document.put("file", target.toString());
          document.put("request_id", session.requestId());
          printer.json(document);
        }
        return ExitCodes.OK;
      }
    }

    private static long exportAtomically(Session session, Path target) throws IOException {
      Path directory = target.getParent();
      Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".part");
      try {
        long count;
        try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          count = export(session, writer);
        }
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return count;
      } finally {
        Files.deleteIfExists(temp);
      }
    }

    private static long export(Session session, Writer writer) {
      AtomicLong count = new AtomicLong();
      session
          .toolgate()
          .audit()
          .export(
              session.principal(),
              AuditQuery.page(null, EXPORT_PAGE),
              record -> {
                try {
                  writer.write(Json.write(record.toJson()));
                  writer.write('\n');
                  count.incrementAndGet();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      return count.get();
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
