package dev.toolgate.core.usage;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.state.UsageRow;
import java.time.LocalDate;
import java.util.List;

/** Usage counters per client/tool/day. Operators and admins; client-scoped keys see their client only. */
public interface UsageUseCase {
  /**
   * Throws {@link dev.toolgate.core.ForbiddenException} unless the principal may read usage; faces
   * call it before parsing the rest of a request, so a key without the role learns nothing more.
   */
  void requireReader(Principal principal);

  List<UsageRow> query(Principal principal, LocalDate from, LocalDate to, String clientKey);
}
