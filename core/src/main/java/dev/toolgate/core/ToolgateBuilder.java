package dev.toolgate.core;

import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.ToolProvider;
import java.time.Clock;
import java.util.Set;

/**
 * Assembles a {@link Toolgate} from port implementations. Every state port is required;
 * {@link #build()} names the first one missing.
 *
 * <pre>{@code
 * Toolgate gateway = Toolgate.builder()
 *     .apiKeys(keys).clientProfiles(clients).idempotency(idem).approvals(approvals)
 *     .audit(audit).cache(cache).usage(usage)
 *     .supportDesk(desk)              // adds the built-in support toolset
 *     .toolProvider(myTools)          // your own tools
 *     .config(GatewayConfig.defaults())
 *     .build();
 * }</pre>
 */
public final class ToolgateBuilder {
  // Implementation filled in by the core pipeline.
  ToolgateBuilder() {}

  public ToolgateBuilder apiKeys(ApiKeyStore store) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder clientProfiles(ClientProfileStore store) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder idempotency(IdempotencyStore store) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder approvals(ApprovalStore store) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder audit(AuditLog log) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder cache(ResponseCache cache) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder usage(UsageLedger ledger) {
    throw new UnsupportedOperationException("todo");
  }

  /** Adds the built-in support toolset (seed 001) over this desk. */
  public ToolgateBuilder supportDesk(SupportDesk desk) {
    throw new UnsupportedOperationException("todo");
  }

  /** Adds a tool provider; may be called several times. */
  public ToolgateBuilder toolProvider(ToolProvider provider) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder config(GatewayConfig config) {
    throw new UnsupportedOperationException("todo");
  }

  public ToolgateBuilder clock(Clock clock) {
    throw new UnsupportedOperationException("todo");
  }

  /**
   * Accepts a fixed key (from settings such as {@code API_KEY} or {@code X_PROXY_KEY}) with these
   * roles; it is held only as a hash and compared in constant time. {@code id} is what audit shows.
   */
  public ToolgateBuilder fixedKey(String id, String secret, Set<Role> roles) {
    throw new UnsupportedOperationException("todo");
  }

  public Toolgate build() {
    throw new UnsupportedOperationException("todo");
  }
}
