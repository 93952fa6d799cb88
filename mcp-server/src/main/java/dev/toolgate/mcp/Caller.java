package dev.toolgate.mcp;

import dev.toolgate.core.Principal;
import java.util.Objects;

/**
 * Who makes one MCP request.
 *
 * @param principal the authenticated key (or the stdio server's fixed principal)
 * @param requestId the request id for audit records and logs
 * @param inlineApprover who decides when an approval is asked inline (elicitation), or null when no
 *     one may: the principal itself if it is an approver and self-approval is allowed, or, in stdio mode
 *     without a key, the person at the desktop (the local operator)
 */
record Caller(Principal principal, String requestId, Principal inlineApprover) {
  Caller {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(requestId, "requestId");
  }
}
