package dev.toolgate.app.cli;

import dev.toolgate.app.http.ToolgateRuntime;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.ports.auth.Role;
import java.util.Set;

/**
 * One command's view of the gateway: the runtime opened on the embedded store, the principal the
 * command acts as, the invocation's request id and the printer. Closing it closes the runtime.
 */
final class Session implements AutoCloseable {
  /**
   * Who acts when no key is given. Whoever can read the data directory can read and change the
   * store directly, so requiring a key from them would protect nothing; the CLI acts as an admin
   * and audits as {@code local-cli}.
   */
  static final Principal LOCAL_OPERATOR =
      new Principal("local-cli", "local CLI operator", Set.of(Role.ADMIN), null, Set.of(), Set.of(), null);

  private final ToolgateRuntime runtime;
  private final Principal principal;
  private final String requestId;
  private final Printer printer;

  Session(ToolgateRuntime runtime, Principal principal, String requestId, Printer printer) {
    this.runtime = runtime;
    this.principal = principal;
    this.requestId = requestId;
    this.printer = printer;
  }

  ToolgateRuntime runtime() {
    return runtime;
  }

  Toolgate toolgate() {
    return runtime.toolgate();
  }

  /** The principal this invocation acts as: the {@code --key} holder or {@link #LOCAL_OPERATOR}. */
  Principal principal() {
    return principal;
  }

  /** {@code cli-<uuid>}, one per invocation, echoed in JSON output and audit records. */
  String requestId() {
    return requestId;
  }

  Printer printer() {
    return printer;
  }

  @Override
  public void close() {
    runtime.close();
  }
}
