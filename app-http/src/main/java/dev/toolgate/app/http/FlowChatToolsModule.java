package dev.toolgate.app.http;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.toolgate.adapter.flowchat.FlowChatToolProvider;
import dev.toolgate.ports.tool.ToolProvider;
import java.util.Objects;

/**
 * Adds the FlowChat tools to the gateway's {@link ToolProvider} set when {@code SUPABASE_URL} is set;
 * otherwise binds nothing. Installing it does no I/O: the workers are called only by the tools.
 */
final class FlowChatToolsModule extends AbstractModule {
  private final FlowChatSettings settings;

  FlowChatToolsModule(FlowChatSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    Multibinder<ToolProvider> providers = Multibinder.newSetBinder(binder(), ToolProvider.class);
    // Bound on its own too (optionally), so /health can ask it about the workers.
    OptionalBinder<FlowChatToolProvider> flowchat = OptionalBinder.newOptionalBinder(binder(), FlowChatToolProvider.class);
    if (settings.enabled()) {
      FlowChatToolProvider provider = new FlowChatToolProvider(settings.config());
      providers.addBinding().toInstance(provider);
      flowchat.setBinding().toInstance(provider);
    }
  }
}
