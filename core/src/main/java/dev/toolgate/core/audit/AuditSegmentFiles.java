package dev.toolgate.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditRecord;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Audit records as JSON Lines files, gzip-compressed when the name ends in {@code .gz}: written to a
 * temporary file moved into place only when complete, and read back to verify a segment offline.
 * The one writer of archives: {@code toolgate audit export/prune} and the scheduled retention
 * ({@link AuditRetention}) both use it.
 */
public final class AuditSegmentFiles {
  private AuditSegmentFiles() {}

  /** What writes the records: given a sink for each record, streams them and returns the last seq. */
  public interface Source {
    long writeTo(Consumer<AuditRecord> sink);
  }

  /** A file's records and the seq of its last one. */
  public record Written(long count, long lastSeq) {}

  /** {@code --before}: a date (midnight UTC) or an ISO-8601 instant. */
  public static Instant parseBefore(String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--before must be a date (2026-12-01) or an instant (2026-12-01T00:00:00Z), got '" + value + "'");
    }
  }

  public static boolean gzipped(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  /** Writes the records to {@code target} atomically; a failure leaves no half-written file. */
  public static Written writeAtomically(Path target, Source source) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".part");
    try {
      Written written;
      try (OutputStream out = Files.newOutputStream(temp);
          OutputStream maybeGzip = gzipped(target) ? new GZIPOutputStream(out) : out;
          Writer writer = new BufferedWriter(new OutputStreamWriter(maybeGzip, StandardCharsets.UTF_8))) {
        written = write(writer, source);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return written;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** An archived segment: its file (null when there was nothing to archive), records and last seq. */
  public record Archived(Path file, long count, long lastSeq) {}

  /**
   * Writes the segment of {@code chain} that {@code source} streams to {@code
   * directory/audit-<first>-<last>.jsonl.gz} ({@code audit-<chain>-<first>-<last>.jsonl.gz} for a
   * chain other than the main one; the directory is created if missing), complete or not at all;
   * writes no file when the segment is empty.
   */
  public static Archived archive(Path directory, String chain, Source source) throws IOException {
    Files.createDirectories(directory);
    // The name holds the seqs, known only once written: write under a fixed name, then rename.
    Path temp = directory.resolve(".audit-segment.jsonl.gz");
    Written written = writeAtomically(temp, source);
    if (written.count() == 0) {
      Files.deleteIfExists(temp);
      return new Archived(null, 0, 0);
    }
    long first = written.lastSeq() - written.count() + 1;
    String prefix = chain.equals(AuditRecord.MAIN_CHAIN) ? "audit-" : "audit-" + chain + "-";
    Path file = directory.resolve(prefix + first + "-" + written.lastSeq() + ".jsonl.gz");
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    return new Archived(file, written.count(), written.lastSeq());
  }

  /** A checkpoint as the prune replies and its audit record show it: {@code {chain, seq, hash}}. */
  public static ObjectNode checkpointJson(AuditCheckpoint checkpoint) {
    return Json.object().put("chain", checkpoint.chain()).put("seq", checkpoint.seq()).put("hash", checkpoint.hash());
  }

  /** Writes one record per line to {@code writer}. */
  public static Written write(Writer writer, Source source) {
    long[] count = new long[1];
    long last =
        source.writeTo(
            record -> {
              try {
                writer.write(Json.write(record.toJson()));
                writer.write('\n');
                count[0]++;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return new Written(count[0], last);
  }

  /**
   * Checks a segment file: every line a record, every hash and link intact, no seq missing (a file
   * of several chains lists them one after another; each is checked from its first record).
   *
   * @throws IllegalArgumentException naming the line that is not a record
   */
  public static ChainWalk verify(Path file) throws IOException {
    ChainWalk walk = ChainWalk.fromFirstRecord();
    try (InputStream in = Files.newInputStream(file);
        InputStream maybeGzip = gzipped(file) ? new GZIPInputStream(in) : in;
        BufferedReader reader = new BufferedReader(new InputStreamReader(maybeGzip, StandardCharsets.UTF_8))) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        AuditRecord record;
        try {
          record = AuditRecord.fromJson(Json.parse(line));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + " line " + number + " is not an audit record: " + e.getMessage());
        }
        if (!walk.accept(record)) {
          return walk;
        }
      }
    }
    return walk;
  }
}
