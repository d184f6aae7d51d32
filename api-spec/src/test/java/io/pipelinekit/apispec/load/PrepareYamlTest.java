package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.pipelinekit.apispec.OpenApiLoader;
import org.junit.jupiter.api.Test;

/** {@link OpenApiLoader#prepareYaml}: its practice document is one the loader reads. */
class PrepareYamlTest {
  @Test
  void thePracticeDocumentReadsWithoutAProblem() {
    assertThatCode(OpenApiLoader::prepareYaml).doesNotThrowAnyException();
  }
}
