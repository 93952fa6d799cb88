package dev.toolgate.core;

import dev.toolgate.core.approval.ApprovalsUseCase;
import dev.toolgate.core.audit.AuditUseCase;
import dev.toolgate.core.auth.ApiKeysUseCase;
import dev.toolgate.core.call.CallToolUseCase;
import dev.toolgate.core.call.ToolCatalog;
import dev.toolgate.core.chat.ChatUseCase;
import dev.toolgate.core.clients.ClientsUseCase;
import dev.toolgate.core.maintenance.MaintenanceUseCase;
import dev.toolgate.core.usage.UsageUseCase;

/**
 * The gateway: every use case over one set of ports and one configuration. Build it with
 * {@link ToolgateBuilder} (no framework needed); close it to stop its threads.
 */
public interface Toolgate extends AutoCloseable {
  static ToolgateBuilder builder() {
    return new ToolgateBuilder();
  }

  CallToolUseCase calls();

  ToolCatalog catalog();

  ApprovalsUseCase approvals();

  AuditUseCase audit();

  ApiKeysUseCase keys();

  UsageUseCase usage();

  /** Client profiles and their encrypted secrets. */
  ClientsUseCase clients();

  /**
   * The chat orchestrator. Throws {@link IllegalStateException} if the gateway was built without
   * {@link ToolgateBuilder#chatSessions}.
   */
  ChatUseCase chat();

  /** Purging expired state, once or on a schedule (see {@link MaintenanceUseCase#start()}). */
  MaintenanceUseCase maintenance();

  GatewayConfig config();

  /**
   * Stops the maintenance schedule, waits up to the execution timeout for in-flight calls, then
   * stops the execution threads. Does not close the stores.
   */
  @Override
  void close();
}
