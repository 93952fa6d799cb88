package dev.toolgate.app.cli;

import dev.toolgate.app.http.ToolgateVersion;
import dev.toolgate.core.Principal;
import dev.toolgate.mcp.McpConfig;
import dev.toolgate.mcp.McpStdioServer;
import dev.toolgate.mcp.ToolgateMcp;
import dev.toolgate.ports.auth.Role;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toolgate mcp}: an MCP server on stdin/stdout, for a desktop client to launch. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve MCP over stdio (stdin/stdout) on the embedded store, for an MCP client (Claude Desktop, Cursor,"
          + " the MCP Inspector...) that launches Toolgate as a subprocess. Runs until the client closes stdin; requests"
          + " still pending then are answered first.",
      "",
      "With --key (or TOOLGATE_KEY) every call is made as that key, with exactly its rights; an unknown or"
          + " revoked key stops it at once (exit code 3).",
      "Without a key, the model's calls are made as 'local-mcp', an agent: it can call tools but never"
          + " approve. When a call needs approval, a client that supports elicitation asks you, the person who"
          + " started it, and your answer is recorded as the local operator, as if you had run 'toolgate"
          + " approvals approve ID' (which is how you approve with other clients).",
      "",
      "stdout carries only the protocol; logs go to stderr."
    })
final class McpCommand implements Callable<Integer> {
  /**
   * Who calls when no key is given: an agent, not the admin the other commands act as, since the calls
   * come from a model. Approvals are decided by the person at the desktop (see {@link #call}).
   */
  static final Principal LOCAL_AGENT =
      new Principal("local-mcp", "local MCP client (stdio)", Set.of(Role.AGENT), null, Set.of(), Set.of(), null);

  private static final Duration DRAIN = Duration.ofSeconds(10);

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ToolgateCommand top = ToolgateCommand.of(spec);
    Session session = top.openSession();
    boolean keyless = session.principal() == Session.LOCAL_OPERATOR;
    Principal principal = keyless ? LOCAL_AGENT : session.principal();
    // Keyless, the one who answers an inline question is the person running this process: the local
    // operator, who could approve with the CLI anyway. With a key, only that key may, if core lets it.
    Principal inlineApprover = keyless ? Session.LOCAL_OPERATOR : null;

    // stdout is the protocol channel: whatever else prints to System.out from now on goes to stderr.
    PrintStream protocol = System.out;
    System.setOut(System.err);
    McpStdioServer server;
    try {
      server =
          new ToolgateMcp(
                  session.toolgate(),
                  McpConfig.defaults(ToolgateVersion.current())
                      .withCatalogMode(session.runtime().settings().mcpCatalog()),
                  session.runtime().mcpPassthrough())
              .stdio(top.stdin(), protocol, principal, inlineApprover);
      // A long-lived face: purge expired state while it runs (stopped when the session closes).
      session.toolgate().maintenance().start();
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    Thread shutdown =
        new Thread(
            () -> {
              server.close(DRAIN);
              session.close();
            },
            "toolgate-mcp-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    server.awaitClosed();
    server.close(DRAIN);
    session.close();
    return ExitCodes.OK;
  }
}
