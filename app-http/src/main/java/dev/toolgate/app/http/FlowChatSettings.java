package dev.toolgate.app.http;

import dev.toolgate.adapter.flowchat.FlowChatConfig;

/**
 * The FlowChat proxy's settings, under the seed's names, so a deployment moves over with its
 * environment unchanged: {@code SUPABASE_URL}, {@code SUPABASE_API_KEY}, {@code SUPABASE_PROJECT_REF},
 * {@code DATABASE_WORKER_URL}, {@code DOCUMENT_WORKER_URL}, {@code STORAGE_WORKER_URL},
 * {@code EMAIL_WORKER_URL}, {@code WORKER_AUTH_KEY}, {@code ENVIRONMENT}. The FlowChat tools are offered
 * only when {@code SUPABASE_URL} is set.
 *
 * @param config the adapter's config, or null when {@code SUPABASE_URL} is not set
 * @param projectRef {@code SUPABASE_PROJECT_REF}, or null (informational: the RPC calls use the URL)
 * @param environment {@code ENVIRONMENT}, default {@code production}
 */
public record FlowChatSettings(FlowChatConfig config, String projectRef, String environment) {
  public FlowChatSettings {
    environment = environment == null || environment.isBlank() ? "production" : environment;
  }

  /** No FlowChat tools. */
  public static FlowChatSettings disabled() {
    return new FlowChatSettings(null, null, null);
  }

  /** Whether the FlowChat tools are offered. */
  public boolean enabled() {
    return config != null;
  }

  @Override
  public String toString() {
    // FlowChatConfig's own toString shows whether keys are set, never their values.
    return enabled() ? "FlowChat[" + config + ", projectRef=" + projectRef + ", environment=" + environment + "]"
        : "FlowChat[disabled, environment=" + environment + "]";
  }
}
