package dev.toolgate.core.usage;

import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.Principal;
import dev.toolgate.core.usage.UsageUseCase;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.state.UsageRow;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reads usage counters, for operators and admins; a client-scoped key sees its client only. */
public final class UsageService implements UsageUseCase {
  private final UsageLedger ledger;

  public UsageService(UsageLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void requireReader(Principal principal) {
    if (!principal.hasAnyRole(Set.of(Role.OPERATOR))) {
      throw new ForbiddenException("reading usage needs the operator or admin role");
    }
  }

  @Override
  public List<UsageRow> query(Principal principal, LocalDate from, LocalDate to, String clientKey) {
    requireReader(principal);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("usage range starts " + from + ", after its end " + to);
    }
    String scope = principal.clientKey();
    if (scope != null && clientKey != null && !scope.equals(clientKey)) {
      return List.of();
    }
    return ledger.query(from, to, scope != null ? scope : clientKey);
  }
}
