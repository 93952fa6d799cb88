package dev.toolgate.app.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.toolgate.adapter.mcp.McpServersConfig;
import dev.toolgate.adapter.mcp.McpServersConfigException;
import dev.toolgate.adapter.mcp.SecretResolver;
import dev.toolgate.ports.state.StateStores;
import dev.toolgate.ports.tool.ToolProvider;

/**
 * Upstream MCP servers ({@code TOOLGATE_MCP_SERVERS}): when the setting names a servers file, their
 * tools join the gateway through the {@code ToolProvider} multibinder, guarded like every other tool.
 * A bad file fails start-up with one settings problem per mistake; a server that cannot be reached
 * does not (it is reported in {@code /readyz} and {@code toolgate upstreams}, and retried).
 */
final class UpstreamsModule extends AbstractModule {
  private final Settings settings;

  UpstreamsModule(Settings settings) {
    this.settings = settings;
  }

  @Override
  protected void configure() {
    if (settings.mcpServersFile() != null) {
      Provider<UpstreamsHandle> handle = getProvider(UpstreamsHandle.class);
      Multibinder.newSetBinder(binder(), ToolProvider.class)
          .addBinding()
          .toProvider(() -> handle.get().upstreams().provider());
    }
  }

  @Provides
  @Singleton
  UpstreamsHandle upstreams(StateStores stores) {
    if (settings.mcpServersFile() == null) {
      return UpstreamsHandle.NONE;
    }
    McpServersConfig config;
    try {
      // Upstream credentials come from the process environment (env:NAME); there is no gateway-wide
      // secret store yet, so secret:NAME is reported as not stored.
      config = McpServersConfig.load(settings.mcpServersFile(), System::getenv, SecretResolver.NONE);
    } catch (McpServersConfigException e) {
      throw new SettingsException(e.problems().stream()
          .map(problem -> SettingsLoader.MCP_SERVERS + " (" + settings.mcpServersFile() + "): " + problem)
          .toList());
    }
    return new UpstreamsHandle(config, stores.audit());
  }
}
