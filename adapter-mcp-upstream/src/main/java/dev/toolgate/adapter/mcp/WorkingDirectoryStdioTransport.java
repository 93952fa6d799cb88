package dev.toolgate.adapter.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.File;

/** The SDK's stdio transport, starting its subprocess in the server's configured {@code cwd}. */
final class WorkingDirectoryStdioTransport extends StdioClientTransport {
  private final String cwd;

  WorkingDirectoryStdioTransport(ServerParameters params, McpJsonMapper mapper, String cwd) {
    super(params, mapper);
    this.cwd = cwd;
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    return new ProcessBuilder().directory(new File(cwd));
  }
}
