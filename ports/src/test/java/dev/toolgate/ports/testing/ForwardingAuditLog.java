package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An audit log that passes every operation to another: tests extend it and override only the
 * operation they make fail, crash or lie, so a new {@link AuditLog} method is forwarded in one place.
 */
public class ForwardingAuditLog implements AuditLog {
  private final AuditLog delegate;

  public ForwardingAuditLog(AuditLog delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The log everything is passed to. */
  protected final AuditLog delegate() {
    return delegate;
  }

  // append(PreparedAuditEntry) is not forwarded: its default calls append(AuditEntry), so a subclass
  // that makes appends fail or lie does so for both.
  @Override
  public AuditRecord append(AuditEntry entry) {
    return delegate.append(entry);
  }

  @Override
  public List<AuditRecord> read(AuditQuery query) {
    return delegate.read(query);
  }

  @Override
  public Optional<AuditRecord> last() {
    return delegate.last();
  }

  @Override
  public List<String> chains() {
    return delegate.chains();
  }

  @Override
  public long prune(String chain, Instant before, long throughSeq) {
    return delegate.prune(chain, before, throughSeq);
  }

  @Override
  public Optional<AuditCheckpoint> checkpoint(String chain) {
    return delegate.checkpoint(chain);
  }
}
