package dev.toolgate.adapter.llm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The adapter's public surface is its module and config (Retrofit's rule): LangChain4j stays an
 * implementation detail, so no LangChain4j type may appear in a public signature.
 */
class PublicSurfaceTest {
  private static final JavaClasses ADAPTER = importAdapter();

  /** Only the adapter's own classes: the rules read type names, so LangChain4j need not be imported too. */
  private static JavaClasses importAdapter() {
    ArchConfiguration config = ArchConfiguration.get();
    boolean resolve = config.resolveMissingDependenciesFromClassPath();
    config.setResolveMissingDependenciesFromClassPath(false);
    try {
      // The adapter's own output directory only: scanning every jar for the package takes seconds.
      Location classes = Location.of(LlmConfig.class.getProtectionDomain().getCodeSource().getLocation());
      return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(Set.of(classes));
    } finally {
      config.setResolveMissingDependenciesFromClassPath(resolve);
    }
  }

  @Test
  void onlyTheModuleAndTheConfigArePublic() {
    classes().that().arePublic().should().haveSimpleNameStartingWith("Llm")
        .orShould().haveSimpleName("Kind").orShould().haveSimpleName("Builder")
        .check(ADAPTER);
  }

  @Test
  void noLangChain4jTypeInAPublicSignature() {
    methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
        .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
            "a type outside LangChain4j", c -> !c.getPackageName().startsWith("dev.langchain4j")))
        .check(ADAPTER);
  }
}
