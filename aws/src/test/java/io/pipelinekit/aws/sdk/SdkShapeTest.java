package io.pipelinekit.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Synthesis;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.CreateProjectRequest;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;

/**
 * pipeline.json and codebuild-project.json are exactly AWS's shapes: each loads, strictly, into the
 * SDK's own request class, and the SDK's JSON protocol marshaller writes the same JSON back.
 */
class SdkShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static CodePipelineClient codePipeline;
  private static CodeBuildClient codeBuild;

  @BeforeAll
  static void clients() {
    codePipeline =
        CodePipelineClient.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new WireCapture()))
            .build();
    codeBuild =
        CodeBuildClient.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new WireCapture()))
            .build();
  }

  @AfterAll
  static void close() {
    codePipeline.close();
    codeBuild.close();
  }

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("minimal", io.pipelinekit.pipeline.FixturesAccess.valid()),
        Arguments.of("kitchen-sink", io.pipelinekit.pipeline.KitchenSink.pipeline()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void pipelineJson_loadsIntoCreatePipelineRequest_andSerializesBackEqual(String name, Pipeline p)
      throws Exception {
    String file = Synthesis.of(p, io.pipelinekit.pipeline.TestTool.ARTIFACT).createPipelineJson();
    JsonNode tree = JSON.readTree(file);
    CreatePipelineRequest request = SdkJson.read(tree, (SdkPojo) CreatePipelineRequest.builder());
    assertThat(SdkJson.unknownEnumValues(request)).isEmpty();

    WireCapture.Captured wire =
        catchThrowableOfType(
            WireCapture.Captured.class, () -> codePipeline.createPipeline(request));
    assertThat(wire.target()).isEqualTo("CodePipeline_20150709.CreatePipeline");
    assertThat(JSON.readTree(wire.body())).isEqualTo(tree);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void projectJson_loadsIntoCreateProjectRequest_andSerializesBackEqual(String name, Pipeline p)
      throws Exception {
    for (String file :
        Synthesis.of(p, io.pipelinekit.pipeline.TestTool.ARTIFACT).createProjectJson().values()) {
      JsonNode tree = JSON.readTree(file);
      CreateProjectRequest request = SdkJson.read(tree, (SdkPojo) CreateProjectRequest.builder());
      assertThat(SdkJson.unknownEnumValues(request)).isEmpty();

      WireCapture.Captured wire =
          catchThrowableOfType(WireCapture.Captured.class, () -> codeBuild.createProject(request));
      assertThat(wire.target()).isEqualTo("CodeBuild_20161006.CreateProject");
      assertThat(JSON.readTree(wire.body())).isEqualTo(tree);
    }
  }

  @Test
  void read_whenMemberUnknown_failsWithPath() throws Exception {
    JsonNode tree = JSON.readTree("{\"pipeline\": {\"name\": \"x\", \"stage\": []}}");
    assertThatThrownBy(() -> SdkJson.read(tree, (SdkPojo) CreatePipelineRequest.builder()))
        .isInstanceOf(SdkJson.ShapeException.class)
        .hasMessageContaining("/pipeline/stage: not a member");
  }

  @Test
  void read_whenTypeWrong_failsWithPath() throws Exception {
    JsonNode tree = JSON.readTree("{\"pipeline\": {\"name\": \"x\", \"version\": \"1\"}}");
    assertThatThrownBy(() -> SdkJson.read(tree, (SdkPojo) CreatePipelineRequest.builder()))
        .hasMessageContaining("/pipeline/version: expected an integer");
  }

  @Test
  void unknownEnumValues_whenComputeTypeMisspelt_namesThePath() throws Exception {
    JsonNode tree =
        JSON.readTree(
            "{\"name\": \"x\", \"environment\": {\"computeType\": \"BUILD_GENERAL_SMALL\"}}");
    CreateProjectRequest request = SdkJson.read(tree, (SdkPojo) CreateProjectRequest.builder());
    assertThat(SdkJson.unknownEnumValues(request)).containsExactly("/environment/computeType");
  }

  @Test
  void unknownEnumValues_whenCacheModeUnknown_namesThePath() throws Exception {
    JsonNode tree =
        JSON.readTree(
            "{\"name\": \"x\", \"cache\": {\"type\": \"LOCAL\", \"modes\": [\"DOCKER\"]}}");
    CreateProjectRequest request = SdkJson.read(tree, (SdkPojo) CreateProjectRequest.builder());
    assertThat(SdkJson.unknownEnumValues(request)).containsExactly("/cache/modes");
  }
}
