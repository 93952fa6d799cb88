package dev.toolgate.app.http;

import dev.toolgate.core.Toolgate;
import dev.toolgate.mcp.McpConfig;
import dev.toolgate.mcp.McpHttpConfig;
import dev.toolgate.mcp.McpHttpEndpoint;
import dev.toolgate.mcp.ToolgateMcp;
import dev.toolgate.ports.mcp.McpPassthrough;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Serves MCP (Streamable HTTP) at exactly {@value #PATH}, in the servlet context that also holds
 * Javalin. The exact mapping wins over Javalin's {@code /*}, so the REST routes under
 * {@code /mcp/tools…} stay Javalin's. Before the server stops, in-flight MCP tool calls get the same
 * drain time as REST requests, then the MCP sessions are closed so their open streams do not hold up
 * the graceful stop.
 */
final class McpMount {
  static final String PATH = "/mcp";

  private McpMount() {}

  /** Mounts the endpoint and returns it (its session count is shown in {@code /readyz}). */
  static McpHttpEndpoint install(JavalinConfig config, Toolgate toolgate, McpPassthrough upstreams, Settings settings) {
    McpHttpEndpoint endpoint =
        new ToolgateMcp(
                toolgate,
                McpConfig.defaults(ToolgateVersion.current()).withCatalogMode(settings.mcpCatalog()),
                upstreams)
            .http(
                new McpHttpConfig(
                    PATH,
                    settings.corsOrigins(),
                    settings.mcpAllowedHosts(),
                    (int) Math.min(Integer.MAX_VALUE, settings.maxBodyBytes()),
                    settings.mcpMaxSessionsPerKey(),
                    settings.mcpSessionIdle()));
    config.jetty.modifyServletContextHandler(
        context -> {
          FilterHolder guard = new FilterHolder(endpoint.filter());
          guard.setName("mcp-guard");
          guard.setAsyncSupported(true);
          context.addFilter(guard, endpoint.path(), EnumSet.of(DispatcherType.REQUEST));
          ServletHolder servlet = new ServletHolder("mcp", endpoint.servlet());
          servlet.setAsyncSupported(true);
          context.addServlet(servlet, endpoint.path());
        });
    config.events.serverStopping(() -> endpoint.close(Duration.ofMillis(ToolgateServer.DRAIN_MILLIS)));
    return endpoint;
  }
}
