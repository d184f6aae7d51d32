package io.pipelinekit.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model and synthesis need no AWS SDK, and library code never prints. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pipelinekit.pipeline");
  }

  @Test
  void model_neverImportsTheAwsSdk() {
    noClasses()
        .that()
        .resideInAnyPackage("io.pipelinekit.pipeline", "io.pipelinekit.pipeline.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..")
        .because(
            "the model and every golden-file test must need no AWS (pipeline-aws holds the SDK calls)")
        .check(classes);
  }

  @Test
  void model_neverUsesJacksonOrSwaggerInItsTypes() {
    noClasses()
        .that()
        .resideInAnyPackage("io.pipelinekit.pipeline", "io.pipelinekit.pipeline.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml..", "io.swagger..")
        .because("public signatures carry JDK and our own types; synthesis stays fast to start")
        .check(classes);
  }

  @Test
  void model_neverPrints() {
    noClasses()
        .that()
        .resideInAnyPackage("io.pipelinekit.pipeline", "io.pipelinekit.pipeline.internal..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("only CLI commands write, through picocli's streams")
        .check(classes);
  }
}
