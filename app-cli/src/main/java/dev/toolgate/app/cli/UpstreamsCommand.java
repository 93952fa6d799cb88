package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.mcp.UpstreamStatus;
import dev.toolgate.app.http.UpstreamViews;
import dev.toolgate.ports.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toolgate upstreams}: the upstream MCP servers of {@code TOOLGATE_MCP_SERVERS}, each with its
 * state, last error, tool count and reconnects. It connects as the gateway would, waiting up to
 * {@code --wait} seconds for every server to connect or fail; exit code 1 when one is not connected.
 */
@Command(
    name = "upstreams",
    mixinStandardHelpOptions = true,
    description = {
      "List the upstream MCP servers (TOOLGATE_MCP_SERVERS) with their state, last error, tool count"
          + " and reconnects.",
      "Connects to each as the gateway does; exits 1 when one is not connected."
    })
final class UpstreamsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "How long to wait for the servers to connect (default: ${DEFAULT-VALUE}).")
  private int waitSeconds;

  @Override
  public Integer call() throws InterruptedException {
    try (Session session = ToolgateCommand.of(spec).openSession()) {
      List<UpstreamStatus> statuses = await(session);
      Printer printer = session.printer();
      if (statuses.isEmpty()) {
        printer.note("no upstream MCP servers: set TOOLGATE_MCP_SERVERS to an mcpServers JSON file");
      }
      if (printer.table()) {
        Table table = Table.of("NAME", "TRANSPORT", "STATE", "TOOLS", "RECONNECTS", "LAST ERROR");
        statuses.forEach(s -> table.row(s.name(), s.transport(), s.state().wireName(), s.toolCount(), s.reconnects(),
            s.lastError() == null ? "-" : s.lastError()));
        printer.table(table);
      } else {
        ObjectNode document = Json.object();
        ArrayNode array = document.putArray("upstreams");
        statuses.forEach(s -> array.add(UpstreamViews.status(s)));
        document.put("total", statuses.size());
        printer.json(document);
      }
      return statuses.stream().allMatch(UpstreamStatus::connected) ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  // Connecting happens in the background; settle means every server connected or gave up, or time ran out.
  private List<UpstreamStatus> await(Session session) throws InterruptedException {
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    List<UpstreamStatus> statuses = session.runtime().upstreams();
    while (System.nanoTime() < deadline && !statuses.stream().allMatch(UpstreamsCommand::settled)) {
      Thread.sleep(100);
      statuses = session.runtime().upstreams();
    }
    return statuses;
  }

  private static boolean settled(UpstreamStatus status) {
    return status.state() == UpstreamStatus.State.CONNECTED || status.state() == UpstreamStatus.State.FAILED;
  }
}
