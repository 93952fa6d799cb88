package dev.toolgate.core;

import dev.toolgate.core.approval.ApprovalsUseCase;
import dev.toolgate.core.audit.AuditUseCase;
import dev.toolgate.core.auth.ApiKeysUseCase;
import dev.toolgate.core.call.CallToolUseCase;
import dev.toolgate.core.call.ToolCatalog;
import dev.toolgate.core.usage.UsageUseCase;

/** The gateway as {@link ToolgateBuilder} wires it: use cases sharing one execution stage. */
final class AssembledToolgate implements Toolgate {
  private final CallToolUseCase calls;
  private final ToolCatalog catalog;
  private final ApprovalsUseCase approvals;
  private final AuditUseCase audit;
  private final ApiKeysUseCase keys;
  private final UsageUseCase usage;
  private final GatewayConfig config;
  private final ToolRunner runner;

  AssembledToolgate(
      CallToolUseCase calls,
      ToolCatalog catalog,
      ApprovalsUseCase approvals,
      AuditUseCase audit,
      ApiKeysUseCase keys,
      UsageUseCase usage,
      GatewayConfig config,
      ToolRunner runner) {
    this.calls = calls;
    this.catalog = catalog;
    this.approvals = approvals;
    this.audit = audit;
    this.keys = keys;
    this.usage = usage;
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
  public GatewayConfig config() {
    return config;
  }

  @Override
  public void close() {
    runner.close();
  }
}
