package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.audit.AuditRetention;
import dev.toolgate.core.audit.AuditSegmentFiles;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log (query, JSON Lines export, chain verification, prune) and the usage counters. Who may read
 * what is the gateway's decision; a refusal is a 403.
 */
final class AuditRoutes {
  static final String NDJSON = "application/x-ndjson";
  private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);
  private static final int EXPORT_PAGE = 1000;
  private static final int MAX_USAGE_DAYS = 366;

  private final Toolgate toolgate;
  private final Authenticator auth;
  private final Requests requests;
  private final Clock clock;

  AuditRoutes(Toolgate toolgate, Authenticator auth, Requests requests, Clock clock) {
    this.toolgate = toolgate;
    this.auth = auth;
    this.requests = requests;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/audit", this::query);
    routes.get("/audit/export", this::export);
    routes.get("/audit/verify", this::verify);
    routes.post("/audit/prune", this::prune);
    routes.get("/usage", this::usage);
  }

  /**
   * Filters: {@code chain, tool, key_id, client_key, outcome, since, until, after_seq} ({@code
   * after_seq} is a position in one chain: with several chains, page one with {@code chain}); {@code
   * limit} (default 100); {@code order} asc or desc (default desc, or asc when paging with after_seq).
   */
  private void query(Context ctx) {
    Principal principal = auth.require(ctx);
    AuditQuery query = auditQuery(ctx, Requests.intParam(ctx, "limit", 100, 1, AuditQuery.MAX_LIMIT));
    ObjectNode body = Json.object();
    ArrayNode records = body.putArray("records");
    toolgate.audit().query(principal, query).forEach(record -> records.add(record.toJson()));
    Replies.ok(ctx, body);
  }

  /** Every matching record, oldest first, one JSON object per line, streamed as it is read. */
  private void export(Context ctx) throws IOException {
    Principal principal = auth.require(ctx);
    AuditQuery filters = auditQuery(ctx, EXPORT_PAGE);
    AuditQuery query =
        new AuditQuery(
            filters.chain(), filters.afterSeq(), filters.tool(), filters.keyId(), filters.clientKey(), filters.outcome(),
            filters.since(), filters.until(), EXPORT_PAGE, false);
    ctx.status(200).contentType(NDJSON);
    var sink = new LineSink(ctx);
    try {
      toolgate.audit().export(principal, query, sink::write);
      sink.finish();
    } catch (StoppedReading e) {
      // The client closed the connection mid-export: its choice, not a server failure, and there is
      // nobody left to answer.
      LOG.info("the client stopped reading the audit export after {} records", sink.written);
    }
  }

  private void verify(Context ctx) {
    Principal principal = auth.require(ctx);
    Replies.ok(ctx, JsonViews.verification(toolgate.audit().verify(principal)));
  }

  /**
   * {@code {"before": DATE}}: deletes the oldest segment, archived first in {@code
   * TOOLGATE_AUDIT_ARCHIVE_DIR} when set, as {@code toolgate audit prune} does. Admin only.
   */
  private void prune(Context ctx) {
    Principal admin = auth.require(ctx);
    ObjectNode request = requests.object(ctx, "invalid_request", false);
    request.fieldNames().forEachRemaining(field -> {
      if (!field.equals("before")) {
        throw ApiException.invalidRequest("/" + field, "unknown field '" + field + "'; the body is {\"before\": DATE}");
      }
    });
    String text = Requests.optionalText(request, "before");
    if (text == null) {
      throw ApiException.invalidRequest("/before", "'before' is required: a date (2026-12-01) or an instant");
    }
    Instant before;
    try {
      before = AuditSegmentFiles.parseBefore(text.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidRequest(
          "/before", "'before' must be a date (2026-12-01) or an instant (2026-12-01T00:00:00Z), got '" + text + "'");
    }
    AuditRetention.Pruned pruned;
    try {
      pruned = toolgate.audit().prune(admin, before, toolgate.config().auditArchiveDir(), RequestLifecycle.requestId(ctx));
    } catch (UncheckedIOException e) {
      // The server's archive directory, not the request, is at fault; nothing was deleted.
      throw new ApiException(500, "archive_failed", e.getMessage() + "; nothing was deleted");
    }
    ObjectNode body = Json.object();
    body.put("deleted", pruned.deleted());
    body.put("before", before.toString());
    ArrayNode archives = body.putArray("archives");
    pruned.archives().forEach(file -> archives.add(file.getFileName().toString()));
    ArrayNode checkpoints = body.putArray("checkpoints");
    toolgate.audit().checkpoints(admin).forEach(c -> checkpoints.add(AuditSegmentFiles.checkpointJson(c)));
    Replies.ok(ctx, body);
  }

  /** {@code from} and {@code to} are UTC days, inclusive (default: the last 30 days). */
  private void usage(Context ctx) {
    Principal principal = auth.require(ctx);
    toolgate.usage().requireReader(principal);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate to = Requests.dateParam(ctx, "to", today);
    LocalDate from = Requests.dateParam(ctx, "from", to.minusDays(29));
    if (from.isAfter(to)) {
      throw ApiException.invalidRequest("from", "'from' (" + from + ") must not be after 'to' (" + to + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_USAGE_DAYS) {
      throw ApiException.invalidRequest("from", "ask for at most " + MAX_USAGE_DAYS + " days at once");
    }
    String clientKey = Requests.param(ctx, "client_key");
    ObjectNode body = Json.object();
    body.put("from", from.toString());
    body.put("to", to.toString());
    body.put("client_key", clientKey);
    ArrayNode rows = body.putArray("rows");
    toolgate.usage().query(principal, from, to, clientKey).forEach(row -> rows.add(JsonViews.usage(row)));
    Replies.ok(ctx, body);
  }

  private static AuditQuery auditQuery(Context ctx, int limit) {
    Long afterSeq = Requests.longParam(ctx, "after_seq");
    String chain = Requests.param(ctx, "chain");
    if (chain != null) {
      try {
        AuditRecord.requireChainId(chain);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidRequest("chain", "query parameter 'chain': " + e.getMessage());
      }
    }
    Instant since = Requests.instantParam(ctx, "since");
    Instant until = Requests.instantParam(ctx, "until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw ApiException.invalidRequest("since", "'since' (" + since + ") must be before 'until' (" + until + ")");
    }
    String order = Requests.param(ctx, "order");
    boolean newestFirst;
    if (order == null) {
      newestFirst = afterSeq == null;
    } else if (order.equals("asc") || order.equals("desc")) {
      newestFirst = order.equals("desc");
    } else {
      throw ApiException.invalidRequest("order", "query parameter 'order' must be asc or desc, got '" + order + "'");
    }
    return new AuditQuery(
        chain,
        afterSeq,
        Requests.param(ctx, "tool"),
        Requests.param(ctx, "key_id"),
        Requests.param(ctx, "client_key"),
        Requests.param(ctx, "outcome"),
        since,
        until,
        limit,
        newestFirst);
  }

  /**
   * Opens the response stream only at the first record, so that a refusal raised before any record
   * (a 403) can still be answered with a normal error body.
   */
  private static final class LineSink {
    private final Context ctx;
    private OutputStream out;
    private long written;

    LineSink(Context ctx) {
      this.ctx = ctx;
    }

    void write(AuditRecord record) {
      try {
        if (out == null) {
          out = ctx.outputStream();
        }
        out.write((Json.write(record.toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
        written++;
      } catch (IOException e) {
        throw new StoppedReading(e);
      }
    }

    void finish() {
      try {
        if (out != null) {
          out.flush();
        }
      } catch (IOException e) {
        throw new StoppedReading(e);
      }
    }
  }

  /** Writing the export failed because the client is gone. */
  private static final class StoppedReading extends RuntimeException {
    StoppedReading(IOException cause) {
      super("the client stopped reading the export", cause);
    }
  }
}
