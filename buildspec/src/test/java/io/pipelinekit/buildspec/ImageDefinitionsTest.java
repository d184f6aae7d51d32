package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDefinitionsTest {
  private static final String ECR = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
  private static final String DIGEST = "sha256:" + "ab12".repeat(16);

  @Test
  void toJson_writesArrayWithTwoSpaceIndentAndTrailingNewline() throws Exception {
    ImageDefinitions defs =
        ImageDefinitions.builder()
            .add("app", ECR + "/shop/app:3f2a1bc")
            .add("nginx", ECR + "/shop/nginx@" + DIGEST)
            .build();
    String json = defs.toJson();
    Golden.assertMatches("image-definitions", "imagedefinitions.json", json);
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.get(0).get("name").asText()).isEqualTo("app");
    assertThat(tree.get(1).get("imageUri").asText()).isEqualTo(ECR + "/shop/nginx@" + DIGEST);
    assertThat(json).endsWith("]\n").contains("\n  {\n    \"name\": \"app\",\n");
  }

  @Test
  void of_keepsMapOrder() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("web", ECR + "/web:1");
    m.put("api", ECR + "/api:1");
    assertThat(ImageDefinitions.of(m).asMap().keySet()).containsExactly("web", "api");
  }

  @Test
  void build_whenContainerNameDuplicated_rejectsNamingIt() {
    assertThatThrownBy(
            () ->
                ImageDefinitions.builder()
                    .add("app", ECR + "/aa:1")
                    .add("app", ECR + "/bb:1")
                    .build())
        .isInstanceOf(BuildSpecException.class)
        .hasMessageContaining("$[1].name")
        .hasMessageContaining("'app' appears twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "dots.not.allowed", "slash/x", "é"})
  void add_whenContainerNameInvalid_rejects(String name) {
    assertThatThrownBy(() -> ImageDefinitions.builder().add(name, ECR + "/aa:1"))
        .hasMessageContaining("$[0].name")
        .hasMessageContaining("1 to 255 letters, digits, '_' or '-'");
  }

  @Test
  void add_whenContainerNameTooLong_rejects() {
    ImageDefinitions.builder().add("n".repeat(255), ECR + "/aa:1").build();
    assertThatThrownBy(() -> ImageDefinitions.builder().add("n".repeat(256), ECR + "/aa:1"))
        .hasMessageContaining("1 to 255");
  }

  @Test
  void build_whenLatestTag_rejectsUnlessAllowed() {
    assertThatThrownBy(() -> ImageDefinitions.builder().add("app", ECR + "/app:latest").build())
        .hasMessageContaining("$[0].imageUri")
        .hasMessageContaining(":latest")
        .hasMessageContaining("commit id");
    assertThat(
            ImageDefinitions.builder()
                .allowLatestTag(true)
                .add("app", ECR + "/app:latest")
                .build()
                .entries())
        .hasSize(1);
    assertThat(
            ImageDefinitions.builder().add("app", ECR + "/app:latest@" + DIGEST).build().entries())
        .as("a digest pins the image even when the tag is latest")
        .hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ECR + "/app",
        "app:1.0",
        "nginx",
        ECR + "/App:1",
        ECR + "/app:",
        ECR + "/app:.bad",
        ECR + "/app@sha256:abc",
        ECR + "/app@md5:" + "00",
        "111122223333.dkr.ecr.eu-west-1.amazonaws.com.evil/app:1",
        "1111.dkr.ecr.eu-west-1.amazonaws.com/app:1",
        "111122223333.dkr.ecr.amazonaws.com/app:1",
        " " + ECR + "/app:1",
        ECR + "//app:1",
        "-bad.example.com/app:1"
      })
  void imageUri_whenShapeInvalid_rejectsWithExpectedShape(String uri) {
    assertThatThrownBy(() -> ImageUri.parse(uri)).isInstanceOf(BuildSpecException.class);
  }

  @Test
  void imageUri_whenNoTagOrDigest_saysWhatToAdd() {
    assertThatThrownBy(() -> ImageUri.parse(ECR + "/app"))
        .hasMessageContaining("neither a tag nor a digest")
        .hasMessageContaining("commit id");
  }

  @Test
  void imageUri_recognisesEcrAccountRegionAndRepository() {
    ImageUri uri = ImageUri.parse(ECR + "/shop/app:3f2a1bc");
    assertThat(uri.isEcr()).isTrue();
    assertThat(uri.ecrAccount()).contains("111122223333");
    assertThat(uri.ecrRegion()).contains("eu-west-1");
    assertThat(uri.repository()).isEqualTo("shop/app");
    assertThat(uri.tag()).contains("3f2a1bc");
    assertThat(uri.digest()).isEmpty();
    assertThat(uri.toString()).isEqualTo(ECR + "/shop/app:3f2a1bc");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr.io/org/app:v1.2.3",
        "localhost:5000/app:dev",
        "docker.io/library/nginx:1.27",
        "registry.example.com:8443/team/app_x/sub-repo:2024.01",
        "public.ecr.aws/nginx/nginx:1.27"
      })
  void imageUri_acceptsOtherRegistries(String uri) {
    ImageUri parsed = ImageUri.parse(uri);
    assertThat(parsed.isEcr()).isFalse();
    assertThat(parsed.toString()).isEqualTo(uri);
  }

  @Test
  void build_whenOver100KiB_rejects() {
    ImageDefinitions.Builder b = ImageDefinitions.builder();
    for (int i = 0; i < 600; i++) {
      b.add("c" + i + "_" + "x".repeat(200), ECR + "/app:1");
    }
    assertThatThrownBy(b::build).hasMessageContaining("over CodePipeline's limit of 102400 bytes");
  }

  @Test
  void parse_readsWhatToJsonWrote() {
    ImageDefinitions defs =
        ImageDefinitions.builder()
            .add("app", ECR + "/shop/app:3f2a1bc")
            .add("nginx", ECR + "/shop/nginx:3f2a1bc")
            .build();
    assertThat(ImageDefinitions.parse(defs.toJson(), "imagedefinitions.json")).isEqualTo(defs);
  }

  @Test
  void parse_whenImageUriHasNoTag_namesFileLineColumnAndEntry() {
    String json =
        "[\n  {\"name\": \"app\", \"imageUri\": \""
            + ECR
            + "/app:1\"},\n"
            + "  {\"name\": \"web\",\n   \"imageUri\": \""
            + ECR
            + "/web\"}\n]\n";
    assertThatThrownBy(() -> ImageDefinitions.parse(json, "out/imagedefinitions.json"))
        .isInstanceOf(BuildSpecException.class)
        .hasMessageStartingWith("out/imagedefinitions.json:4:16: $[1].imageUri:")
        .hasMessageContaining("neither a tag nor a digest");
  }

  @Test
  void parse_whenNotJson_namesLineAndColumn() {
    assertThatThrownBy(() -> ImageDefinitions.parse("[\n  {\"name\": app}\n]", "f.json"))
        .hasMessageStartingWith("f.json:2:")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void parse_whenNotAnArray_saysWhatWasExpected() {
    assertThatThrownBy(() -> ImageDefinitions.parse("{\"ImageURI\": \"x\"}", "f.json"))
        .hasMessageStartingWith("f.json:1:1: $: expected a JSON array but found an object");
  }

  @Test
  void parse_whenFieldMisspelled_suggestsImageUri() {
    assertThatThrownBy(
            () -> ImageDefinitions.parse("[{\"name\": \"a\", \"imageURI\": \"x\"}]", "f.json"))
        .hasMessageContaining("$[0].imageURI: unknown field")
        .hasMessageContaining("did you mean \"imageUri\"");
  }

  @Test
  void parse_whenDuplicateKeyOrMissingField_rejects() {
    assertThatThrownBy(
            () ->
                ImageDefinitions.parse(
                    "[{\"name\": \"a\", \"name\": \"b\", \"imageUri\": \"" + ECR + "/aa:1\"}]",
                    "f.json"))
        .hasMessageContaining("Duplicate field 'name'");
    assertThatThrownBy(() -> ImageDefinitions.parse("[{\"name\": \"a\"}]", "f.json"))
        .hasMessageContaining("f.json:1:2: $[0]: missing \"imageUri\"");
    assertThatThrownBy(() -> ImageDefinitions.parse("[{\"name\": 3}]", "f.json"))
        .hasMessageContaining("$[0].name: expected a string but found a number");
  }

  @Test
  void parse_whenDuplicateContainer_namesSecondEntry() {
    String json =
        "[{\"name\":\"a\",\"imageUri\":\""
            + ECR
            + "/aa:1\"},\n {\"name\":\"a\",\"imageUri\":\""
            + ECR
            + "/aa:2\"}]";
    assertThatThrownBy(() -> ImageDefinitions.parse(json, "f.json"))
        .hasMessageStartingWith("f.json:2:2: $[1].name");
  }

  @Test
  void parse_whenLatest_rejectsUnlessAllowed() {
    String json = "[{\"name\":\"a\",\"imageUri\":\"" + ECR + "/aa:latest\"}]";
    assertThatThrownBy(() -> ImageDefinitions.parse(json, "f.json"))
        .hasMessageContaining(":latest");
    assertThat(ImageDefinitions.parse(json, "f.json", true).entries()).hasSize(1);
  }

  @Test
  void parse_whenOver100KiB_rejectsBeforeParsing() {
    String json = "[" + " ".repeat(110_000) + "]";
    assertThatThrownBy(() -> ImageDefinitions.parse(json, "big.json"))
        .hasMessageContaining("big.json: 110002 bytes is over");
  }

  @Test
  void imageDetail_writesImageUriObject() {
    ImageDetail detail = ImageDetail.of(ECR + "/shop/app:3f2a1bc");
    assertThat(detail.toJson())
        .isEqualTo("{\n  \"ImageURI\": \"" + ECR + "/shop/app:3f2a1bc\"\n}\n");
    assertThat(detail.image().isEcr()).isTrue();
  }

  @Test
  void imageDetail_whenLatestOrNoTag_rejects() {
    assertThatThrownBy(() -> ImageDetail.of(ECR + "/app:latest"))
        .hasMessageContaining("$.ImageURI")
        .hasMessageContaining(":latest");
    assertThat(ImageDetail.of(ECR + "/app:latest", true).imageUri()).endsWith(":latest");
    assertThatThrownBy(() -> ImageDetail.of(ECR + "/app"))
        .hasMessageContaining("neither a tag nor a digest");
  }
}
