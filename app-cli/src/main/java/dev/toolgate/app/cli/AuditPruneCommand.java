package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.audit.AuditRetention;
import dev.toolgate.core.audit.AuditSegmentFiles;
import dev.toolgate.core.audit.AuditUseCase;
import dev.toolgate.ports.Json;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit prune}: deletes the oldest audit segment, after writing it to an archive file when
 * asked; the kept chain then verifies from the checkpoint the prune leaves.
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Delete the oldest audit records, those before --before (never the newest record), keeping the"
          + " last one's hash as the checkpoint 'audit verify' starts from. Admin only; audited.",
      "With --archive-dir the segment is first written there as audit-<first>-<last>.jsonl.gz, and"
          + " only what was written is deleted. Not supported on Firestore yet."
    })
final class AuditPruneCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--before",
      required = true,
      paramLabel = "DATE",
      description = "Delete records before this date (2026-12-01, midnight UTC) or instant.")
  private String before;

  @Option(
      names = "--archive-dir",
      paramLabel = "DIR",
      description = "Export the segment here first (gzip JSON Lines); default: TOOLGATE_AUDIT_ARCHIVE_DIR if set.")
  private Path archiveDir;

  @Override
  public Integer call() {
    Instant cut = AuditCommand.parseBefore(spec, before);
    ToolgateCommand top = ToolgateCommand.of(spec);
    try (Session session = top.openSession()) {
      AuditUseCase audit = session.toolgate().audit();
      // Without --archive-dir, the configured TOOLGATE_AUDIT_ARCHIVE_DIR, as POST /audit/prune does.
      Path directory =
          archiveDir == null ? session.toolgate().config().auditArchiveDir() : top.resolve(archiveDir);
      AuditRetention.Pruned pruned;
      try {
        pruned = audit.prune(session.principal(), cut, directory, session.requestId());
      } catch (UncheckedIOException e) {
        throw new CliException(ExitCodes.FAILED, "toolgate: " + e.getMessage(), e);
      }
      long deleted = pruned.deleted();
      List<Path> archives = pruned.archives();
      Printer printer = session.printer();
      if (printer.table()) {
        printer.line(
            "pruned " + deleted + " audit records before " + cut + (archives.isEmpty() ? "" : ", archived in " + archives));
      } else {
        ObjectNode document = Json.object();
        document.put("deleted", deleted);
        document.put("before", cut.toString());
        ArrayNode files = document.putArray("archives");
        archives.forEach(file -> files.add(file.toString()));
        ArrayNode checkpoints = document.putArray("checkpoints");
        audit.checkpoints(session.principal()).forEach(c -> checkpoints.add(AuditSegmentFiles.checkpointJson(c)));
        document.put("request_id", session.requestId());
        printer.json(document);
      }
      return ExitCodes.OK;
    }
  }
}
