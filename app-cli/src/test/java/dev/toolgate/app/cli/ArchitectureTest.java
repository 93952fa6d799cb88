package dev.toolgate.app.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of ARCHITECTURE.md §1, checked on the compiled classes of every module
 * (app-cli sees them all on its classpath).
 */
class ArchitectureTest {
  private static JavaClasses toolgate;

  @BeforeAll
  static void importClasses() {
    toolgate =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the ports test-jar (fakes and contract suites) is test code too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.toolgate");
  }

  @Test
  void everyModuleIsImported() {
    for (String pkg :
        new String[] {
          "dev.toolgate.ports", "dev.toolgate.core", "dev.toolgate.adapter.sqlite",
          "dev.toolgate.app.http", "dev.toolgate.app.cli", "dev.toolgate.mcp",
          "dev.toolgate.adapter.klaviyo", "dev.toolgate.adapter.firestore", "dev.toolgate.adapter.mcp",
          "dev.toolgate.adapter.flowchat", "dev.toolgate.workers.flowchat", "dev.toolgate.adapter.llm"
        }) {
      assertThat(toolgate.containPackage(pkg))
          .as("classes of %s on the classpath", pkg)
          .isTrue();
    }
  }

  @Test
  void portsDependOnNothingButTheJdkAndJacksonTrees() {
    classes()
        .that()
        .resideInAPackage("dev.toolgate.ports..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "dev.toolgate.ports..", "com.fasterxml.jackson.databind..",
            "com.fasterxml.jackson.core..")
        .check(toolgate);
  }

  @Test
  void coreDependsOnPortsAndPlainLibrariesOnly() {
    classes()
        .that()
        .resideInAPackage("dev.toolgate.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            // The JDK's own cryptography (AES-GCM for clients' secrets), not a framework.
            "javax.crypto..",
            "dev.toolgate.core..",
            "dev.toolgate.ports..",
            "com.fasterxml.jackson.databind..",
            "com.fasterxml.jackson.core..",
            "com.networknt.schema..",
            // The response cache's in-memory layer: a data structure, not a framework.
            "com.github.benmanes.caffeine..",
            "org.slf4j..")
        .check(toolgate);
  }

  @Test
  void adaptersDependOnPortsNeverOnCoreOrAnotherAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.toolgate.adapter..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.toolgate.core..", "dev.toolgate.app..", "dev.toolgate.mcp..")
        .check(toolgate);
    slices().matching("dev.toolgate.adapter.(*)..").should().notDependOnEachOther().check(toolgate);
  }

  @Test
  void theMcpFaceDependsOnCoreAndPortsOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.toolgate.mcp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.toolgate.app..", "dev.toolgate.adapter..")
        .check(toolgate);
  }

  /**
   * The MCP SDK belongs to the MCP face and the apps; its client, deliberately, also to the adapter
   * that connects to upstream MCP servers (package {@code dev.toolgate.adapter.mcp}).
   */
  @Test
  void theMcpSdkStaysInTheMcpFaceTheAppsAndTheUpstreamAdapter() {
    noClasses()
        .that()
        // The MCP face serves with the SDK; the upstream adapter is its client.
        .resideOutsideOfPackages("dev.toolgate.mcp..", "dev.toolgate.app..", "dev.toolgate.adapter.mcp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.modelcontextprotocol..")
        .check(toolgate);
    noClasses()
        .that()
        .resideInAPackage("dev.toolgate.adapter.mcp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.modelcontextprotocol.server..")
        // Until the upstream adapter lands, there is nothing in that package to check.
        .allowEmptyShould(true)
        .check(toolgate);
  }

  /** Faces call use cases; the services behind them and core's internals are wiring, not API. */
  @Test
  void facesUseCoreThroughItsUseCasesNeverItsServicesOrInternals() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.toolgate.app..", "dev.toolgate.mcp..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "core internals or services",
                (JavaClass c) ->
                    c.getPackageName().startsWith("dev.toolgate.core.internal")
                        || c.getPackageName().startsWith("dev.toolgate.core") && c.getSimpleName().endsWith("Service")))
        .check(toolgate);
  }

  @Test
  void guiceLivesOnlyInTheAppsAndInAdapterModules() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.toolgate.app..")
        .and()
        .haveSimpleNameNotEndingWith("AdapterModule")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.google.inject..")
        .check(toolgate);
  }

  @Test
  void frameworksStayInTheirFaces() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.toolgate.app.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
        .check(toolgate);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.toolgate.app.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..")
        .check(toolgate);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.toolgate.adapter.firestore..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.google.cloud..", "com.google.api..", "io.grpc..")
        .check(toolgate);
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.toolgate.adapter.klaviyo..", "dev.toolgate.adapter.flowchat..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.mizosoft..")
        .check(toolgate);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.toolgate.adapter.llm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.langchain4j..", "com.knuddels.jtokkit..")
        .check(toolgate);
    // The upstream adapter hands the SDK's HTTP transports their request headers as an HttpRequest.Builder;
    // the FlowChat adapter's Methanol client is a java.net.http client, used through its types; the LLM
    // adapter implements LangChain4j's HTTP client on it, to keep Retry-After.
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.toolgate.adapter.klaviyo..", "dev.toolgate.adapter.mcp..", "dev.toolgate.adapter.flowchat..",
            "dev.toolgate.adapter.llm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net.http..")
        .check(toolgate);
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.toolgate.adapter.sqlite..", "dev.toolgate.workers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
        .check(toolgate);
  }
}
