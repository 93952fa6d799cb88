package dev.toolgate.mcp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the MCP face behaves, whatever the transport.
 *
 * @param serverVersion the version reported in {@code initialize}
 * @param pageSize how many tools (or prompts, resources) one list page holds, 1–1000
 * @param elicitationTimeout how long an inline approval question waits for the person to answer; the
 *     approval itself stays pending after that
 * @param catalogMode whether {@code tools/list} shows every tool or the compact catalogue's meta-tools
 */
public record McpConfig(String serverVersion, int pageSize, Duration elicitationTimeout, McpCatalogMode catalogMode) {
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final Duration DEFAULT_ELICITATION_TIMEOUT = Duration.ofMinutes(5);

  public McpConfig {
    Objects.requireNonNull(serverVersion, "serverVersion");
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1-1000, got " + pageSize);
    }
    Objects.requireNonNull(elicitationTimeout, "elicitationTimeout");
    if (elicitationTimeout.isNegative() || elicitationTimeout.isZero()) {
      throw new IllegalArgumentException("elicitationTimeout must be positive, got " + elicitationTimeout);
    }
    Objects.requireNonNull(catalogMode, "catalogMode");
  }

  /** Pages of {@value #DEFAULT_PAGE_SIZE}, five minutes to answer an inline approval, the full catalogue. */
  public static McpConfig defaults(String serverVersion) {
    return new McpConfig(serverVersion, DEFAULT_PAGE_SIZE, DEFAULT_ELICITATION_TIMEOUT, McpCatalogMode.FULL);
  }

  public McpConfig withPageSize(int value) {
    return new McpConfig(serverVersion, value, elicitationTimeout, catalogMode);
  }

  public McpConfig withElicitationTimeout(Duration value) {
    return new McpConfig(serverVersion, pageSize, value, catalogMode);
  }

  public McpConfig withCatalogMode(McpCatalogMode value) {
    return new McpConfig(serverVersion, pageSize, elicitationTimeout, value);
  }
}
