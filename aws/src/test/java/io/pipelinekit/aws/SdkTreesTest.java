package io.pipelinekit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.model.CreateProjectRequest;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;

class SdkTreesTest {
  private static final Map<String, Object> PIPELINE =
      Map.of(
          "pipeline",
          Map.of(
              "name", "orders",
              "roleArn", "arn:aws:iam::123456789012:role/pipe",
              "pipelineType", "V2",
              "artifactStore", Map.of("type", "S3", "location", "bucket"),
              "stages",
                  List.of(
                      Map.of(
                          "name",
                          "Source",
                          "actions",
                          List.of(
                              Map.of(
                                  "name", "GitHub",
                                  "actionTypeId",
                                      Map.of(
                                          "category", "Source",
                                          "owner", "AWS",
                                          "provider", "CodeStarSourceConnection",
                                          "version", "1"),
                                  "runOrder", 1,
                                  "configuration", Map.of("BranchName", "main"),
                                  "outputArtifacts", List.of(Map.of("name", "src"))))))),
          "tags",
          List.of(Map.of("key", "team", "value", "orders")));

  @Test
  void toModel_readsTheCreatePipelineTree_andToTreeGivesItBack() {
    CreatePipelineRequest request = SdkTrees.toModel(PIPELINE, CreatePipelineRequest.class);

    assertThat(request.pipeline().name()).isEqualTo("orders");
    assertThat(request.pipeline().stages().get(0).actions().get(0).actionTypeId().provider())
        .isEqualTo("CodeStarSourceConnection");
    assertThat(request.pipeline().stages().get(0).actions().get(0).configuration())
        .containsEntry("BranchName", "main");
    assertThat(request.tags().get(0).key()).isEqualTo("team");
    assertThat(SdkTrees.toTree(request)).isEqualTo(PIPELINE);
  }

  @Test
  void toModel_unknownMember_isAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                SdkTrees.toModel(Map.of("name", "p", "colour", "blue"), CreateProjectRequest.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colour");
  }
}
