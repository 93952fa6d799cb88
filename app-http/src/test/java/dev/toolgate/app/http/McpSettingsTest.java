package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolgate.mcp.McpCatalogMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MCP endpoint's settings, {@code TOOLGATE_MCP_ALLOWED_HOSTS} and {@code TOOLGATE_MCP_CATALOG}. */
class McpSettingsTest {
  private static final Path NOWHERE = Path.of("/nonexistent-toolgate-workdir");

  @Test
  void onlyLoopbackHostsByDefault() {
    assertThat(Settings.load(Map.of(), NOWHERE).mcpAllowedHosts()).isEmpty();
  }

  @Test
  void hostsArePortSpecificOrAnyPortAndCompareWithoutCase() {
    Settings settings =
        Settings.load(Map.of("TOOLGATE_MCP_ALLOWED_HOSTS", "Gateway.Internal:8443, mcp.example.com:*,[::1]:9000"), NOWHERE);

    assertThat(settings.mcpAllowedHosts()).containsExactly("gateway.internal:8443", "mcp.example.com:*", "[::1]:9000");
  }

  @Test
  void aValueThatIsNotAHostIsNamedWithItsSetting() {
    SettingsException e =
        catchThrowableOfType(
            SettingsException.class,
            () -> Settings.load(Map.of("TOOLGATE_MCP_ALLOWED_HOSTS", "http://mcp.example.com"), NOWHERE));

    assertThat(e.problems()).singleElement().asString()
        .contains("TOOLGATE_MCP_ALLOWED_HOSTS").contains("'http://mcp.example.com'");
  }

  @Test
  void theFullCatalogueByDefaultAndCompactWhenAsked() {
    assertThat(Settings.load(Map.of(), NOWHERE).mcpCatalog()).isEqualTo(McpCatalogMode.FULL);
    assertThat(Settings.load(Map.of("TOOLGATE_MCP_CATALOG", " Compact "), NOWHERE).mcpCatalog())
        .isEqualTo(McpCatalogMode.COMPACT);
  }

  @Test
  void anUnknownCatalogueModeIsNamedWithItsSetting() {
    SettingsException e =
        catchThrowableOfType(
            SettingsException.class, () -> Settings.load(Map.of("TOOLGATE_MCP_CATALOG", "tiny"), NOWHERE));

    assertThat(e.problems()).singleElement().asString()
        .contains("TOOLGATE_MCP_CATALOG").contains("'tiny'").contains("compact");
  }
}
