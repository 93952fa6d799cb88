package dev.toolgate.core.maintenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.audit.AdminAudit;
import dev.toolgate.core.audit.AuditRetention;
import dev.toolgate.core.maintenance.MaintenanceUseCase;
import dev.toolgate.core.maintenance.PurgeReport;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.ResponseCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges expired state, on demand or every {@link GatewayConfig#maintenanceInterval()} on one daemon
 * thread; each scheduled run also resumes chat turns whose approval was decided while they stayed
 * paused ({@link dev.toolgate.core.chat.ChatUseCase#recoverPausedTurns()}). Framework-free: a {@link ScheduledExecutorService} started by {@link #start()} and stopped
 * by {@link #close()} (from {@link Toolgate#close()}, before the stores are closed).
 */
public final class MaintenanceService implements MaintenanceUseCase, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MaintenanceService.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final IdempotencyStore idempotency;
  private final ResponseCache cache;
  private final ApprovalStore approvals;
  private final AdminAudit adminAudit;
  private final AuditRetention auditRetention;
  /** The chat's recovery of turns paused for an approval that was decided without them going on. */
  private final IntSupplier pausedTurnsRecovery;
  private final GatewayConfig config;
  private final Clock clock;
  private ScheduledExecutorService schedule;
  private boolean closed;

  public MaintenanceService(
      IdempotencyStore idempotency,
      ResponseCache cache,
      ApprovalStore approvals,
      AdminAudit adminAudit,
      AuditRetention auditRetention,
      IntSupplier pausedTurnsRecovery,
      GatewayConfig config,
      Clock clock) {
    this.idempotency = idempotency;
    this.cache = cache;
    this.approvals = approvals;
    this.adminAudit = adminAudit;
    this.auditRetention = auditRetention;
    this.pausedTurnsRecovery = pausedTurnsRecovery;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public boolean forgetIdempotencyKey(
      Principal admin, String keyId, String tool, String idempotencyKey, String requestId) {
    Instant started = clock.instant();
    IdempotencyScope scope = new IdempotencyScope(keyId, tool, idempotencyKey);
    ObjectNode target = Json.object().put("key_id", keyId).put("tool", tool).put("idempotency_key", idempotencyKey);
    adminAudit.requireAdmin(
        admin, requestId, AdminAudit.IDEMPOTENCY_KEY_FORGOTTEN, null, target,
        "clearing idempotency keys needs the admin role");
    boolean existed = idempotency.forget(scope);
    adminAudit.succeeded(
        admin.keyId(), requestId, started, AdminAudit.IDEMPOTENCY_KEY_FORGOTTEN, null, target.put("existed", existed));
    log.info("idempotency key of key {} for tool {} cleared by {} (existed: {})", keyId, tool, admin.keyId(), existed);
    return existed;
  }

  @Override
  public PurgeReport purgeNow() {
    Instant now = clock.instant();
    RuntimeException[] failure = new RuntimeException[1];
    int records = attempt("idempotency records", () -> idempotency.purgeExpired(now), failure);
    int entries = attempt("cache entries", () -> cache.purgeExpired(now), failure);
    // Kept as long as an idempotency key may be replayed, so a replay that points at the approval
    // still finds it (expired) instead of a missing one.
    int expiredApprovals =
        attempt("approvals", () -> approvals.purgeExpired(now.minus(config.idempotencyRetention())), failure);
    long auditRecords = 0;
    try {
      auditRecords = pruneAudit(now);
    } catch (RuntimeException e) {
      if (failure[0] == null) {
        failure[0] = e;
      } else {
        failure[0].addSuppressed(e);
      }
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    PurgeReport report = new PurgeReport(records, entries, expiredApprovals, auditRecords);
    log.debug(
        "maintenance purged {} idempotency records, {} cache entries, {} approvals, {} audit records",
        report.idempotencyRecords(), report.cacheEntries(), report.approvals(), report.auditRecords());
    return report;
  }

  /** Prunes the audit records older than the retention, archived first if so configured; 0 if unset. */
  private long pruneAudit(Instant now) {
    Duration retention = config.auditRetention();
    if (retention == null) {
      return 0;
    }
    return auditRetention
        .prune(null, now.minus(retention), config.auditArchiveDir(), "maintenance-" + now.toEpochMilli())
        .deleted();
  }

  private static int attempt(String what, IntSupplier purge, RuntimeException[] failure) {
    try {
      return purge.getAsInt();
    } catch (RuntimeException e) {
      if (failure[0] == null) {
        failure[0] = e;
      } else {
        failure[0].addSuppressed(e);
      }
      log.debug("maintenance could not purge {}: {}", what, e.getMessage());
      return 0;
    }
  }

  @Override
  public synchronized boolean start() {
    if (closed) {
      throw new IllegalStateException("the gateway is closed; maintenance cannot start");
    }
    Duration interval = config.maintenanceInterval();
    if (interval.isZero() || schedule != null) {
      return false;
    }
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              // A daemon: a purge must never keep the JVM alive.
              Thread thread = new Thread(runnable, "toolgate-maintenance");
              thread.setDaemon(true);
              return thread;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::purgeAndLog, millis, millis, TimeUnit.MILLISECONDS);
    schedule = executor;
    log.debug("maintenance scheduled every {}", interval);
    return true;
  }

  // A scheduled task that throws is never run again, so a failing store must not escape.
  private void purgeAndLog() {
    try {
      purgeNow();
    } catch (RuntimeException e) {
      log.warn("maintenance run failed, will retry in {}: {}", config.maintenanceInterval(), e.toString());
    }
    try {
      int resumed = pausedTurnsRecovery.getAsInt();
      if (resumed > 0) {
        log.info("maintenance resumed {} chat turns whose approval was decided while they stayed paused", resumed);
      }
    } catch (RuntimeException e) {
      log.warn("recovering paused chat turns failed, will retry in {}: {}", config.maintenanceInterval(),
          e.toString());
    }
  }

  /** Stops the schedule, letting a running purge finish (up to 10 s); idempotent. */
  @Override
  public void close() {
    ScheduledExecutorService executor;
    synchronized (this) {
      closed = true;
      executor = schedule;
      schedule = null;
    }
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
