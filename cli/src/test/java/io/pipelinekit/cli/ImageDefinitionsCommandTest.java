package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDefinitionsCommandTest {
  static final String APP = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/app:1a2b3c4";
  static final String NGINX = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/nginx:1a2b3c4";

  @TempDir Path tmp;

  @Test
  void imageDefinitions_writesEntriesInOrder() throws IOException {
    Path file = tmp.resolve("imagedefinitions.json");
    Run run = Run.of("image-definitions", "-o", file.toString(), "app=" + APP, "nginx=" + NGINX);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote " + file + " (app, nginx)");
    assertThat(Files.readString(file))
        .isEqualTo(
            "[\n  {\n    \"name\": \"app\",\n    \"imageUri\": \""
                + APP
                + "\"\n  },\n  {\n    \"name\": \"nginx\",\n    \"imageUri\": \""
                + NGINX
                + "\"\n  }\n]\n");
  }

  @Test
  void imageDefinitions_whenArgumentLacksName_exits2AndWritesNothing() {
    Path file = tmp.resolve("imagedefinitions.json");
    Run run = Run.of("image-definitions", "-o", file.toString(), APP);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("argument '" + APP + "' is not NAME=URI");
    assertThat(file).doesNotExist();
  }

  @Test
  void imageDefinitions_whenTagLatest_exits2UnlessAllowed() throws IOException {
    Path file = tmp.resolve("imagedefinitions.json");
    String latest = "app=111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/app:latest";
    Run run = Run.of("image-definitions", "-o", file.toString(), latest);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(":latest").contains("not written");
    assertThat(file).doesNotExist();
    Run allowed = Run.of("image-definitions", "-o", file.toString(), latest, "--allow-latest");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    assertThat(Files.readString(file)).contains("service/app:latest");
  }

  @Test
  void imageDefinitions_whenNoTagOrDigest_exits2() {
    Run run =
        Run.of(
            "image-definitions",
            "-o",
            tmp.resolve("x.json").toString(),
            "app=111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/app");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("not written");
  }

  @Test
  void imageDefinitions_whenNameRepeats_exits2() {
    Run run =
        Run.of(
            "image-definitions",
            "-o",
            tmp.resolve("x.json").toString(),
            "app=" + APP,
            "app=" + NGINX);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("container name 'app' appears twice");
  }

  @Test
  void imageDefinitions_whenNameInvalid_exits2() {
    Run run = Run.of("image-definitions", "-o", tmp.resolve("x.json").toString(), "my app=" + APP);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("container name 'my app'");
  }

  @Test
  void imageDetail_writesImageUri() throws IOException {
    Path file = tmp.resolve("imageDetail.json");
    Run run = Run.of("image-definitions", "--image-detail", "-o", file.toString(), APP);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(file)).contains("\"ImageURI\": \"" + APP + "\"");
  }

  @Test
  void imageDetail_whenTwoImages_exits2() {
    Run run =
        Run.of(
            "image-definitions",
            "--image-detail",
            "-o",
            tmp.resolve("d.json").toString(),
            APP,
            NGINX);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--image-detail takes exactly one image URI, got 2");
  }

  @Test
  void imageDefinitions_withoutOutput_isAUsageError() {
    Run run = Run.of("image-definitions", "app=" + APP);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--output=FILE'");
  }
}
