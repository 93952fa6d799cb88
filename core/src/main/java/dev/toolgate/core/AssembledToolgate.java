package dev.toolgate.core;

import dev.toolgate.core.approval.ApprovalsUseCase;
import dev.toolgate.core.audit.AuditUseCase;
import dev.toolgate.core.auth.ApiKeysUseCase;
import dev.toolgate.core.call.CallToolUseCase;
import dev.toolgate.core.call.ToolCatalog;
import dev.toolgate.core.chat.ChatUseCase;
import dev.toolgate.core.clients.ClientsUseCase;
import dev.toolgate.core.internal.ToolRunner;
import dev.toolgate.core.maintenance.MaintenanceService;
import dev.toolgate.core.maintenance.MaintenanceUseCase;
import dev.toolgate.core.usage.UsageUseCase;

/** The gateway as {@link ToolgateBuilder} wires it: use cases sharing one execution stage, and the maintenance schedule. */
final class AssembledToolgate implements Toolgate {
  private final CallToolUseCase calls;
  private final ToolCatalog catalog;
  private final ApprovalsUseCase approvals;
  private final AuditUseCase audit;
  private final ApiKeysUseCase keys;
  private final UsageUseCase usage;
  private final ClientsUseCase clients;
  private final ChatUseCase chat;
  private final MaintenanceService maintenance;
  private final GatewayConfig config;
  private final ToolRunner runner;

  AssembledToolgate(
      CallToolUseCase calls,
      ToolCatalog catalog,
      ApprovalsUseCase approvals,
      AuditUseCase audit,
      ApiKeysUseCase keys,
      UsageUseCase usage,
      ClientsUseCase clients,
      ChatUseCase chat,
      MaintenanceService maintenance,
      GatewayConfig config,
      ToolRunner runner) {
    this.calls = calls;
    this.catalog = catalog;
    this.approvals = approvals;
    this.audit = audit;
    this.keys = keys;
    this.usage = usage;
    this.clients = clients;
    this.chat = chat;
    this.maintenance = maintenance;
    this.config = config;
    this.runner = runner;
  }

  @Override
  public CallToolUseCase calls() {
    return calls;
  }

  @Override
  public ToolCatalog catalog() {
    return catalog;
  }

  @Override
  public ApprovalsUseCase approvals() {
    return approvals;
  }

  @Override
  public AuditUseCase audit() {
    return audit;
  }

  @Override
  public ApiKeysUseCase keys() {
    return keys;
  }

  @Override
  public UsageUseCase usage() {
    return usage;
  }

  @Override
  public ClientsUseCase clients() {
    return clients;
  }

  @Override
  public ChatUseCase chat() {
    if (chat == null) {
      throw new IllegalStateException("chat needs Toolgate.builder().chatSessions(...) before build()");
    }
    return chat;
  }

  @Override
  public MaintenanceUseCase maintenance() {
    return maintenance;
  }

  @Override
  public GatewayConfig config() {
    return config;
  }

  @Override
  public void close() {
    try {
      maintenance.close();
    } finally {
      runner.close();
    }
  }
}
