package dev.toolgate.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md §1: mcp-server depends on core and ports, the MCP SDK and plain libraries only. */
class McpArchitectureTest {
  @Test
  void theMcpFaceDependsOnCorePortsAndTheSdkOnly() {
    classes()
        .that()
        .resideInAPackage("dev.toolgate.mcp..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "dev.toolgate.mcp..",
            "dev.toolgate.core..",
            "dev.toolgate.ports..",
            "io.modelcontextprotocol..",
            "reactor.core..",
            "jakarta.servlet..",
            "com.fasterxml.jackson.databind..",
            "com.fasterxml.jackson.core..",
            "org.slf4j..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.toolgate.mcp"));
  }
}
