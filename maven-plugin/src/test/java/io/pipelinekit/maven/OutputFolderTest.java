package io.pipelinekit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipeline:build's output: staged, then moved into place; only regular files replaced. */
class OutputFolderTest {
  @TempDir Path target;

  private static Map<String, String> files(String... pathsAndTexts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
    }
    return files;
  }

  private Path out() {
    return target.resolve("pipeline");
  }

  private void assertNoStagingLeft() throws Exception {
    try (Stream<Path> entries = Files.list(target)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void writeAll_aNewFolder_holdsEveryFileAndTheirList() throws Exception {
    OutputFolder.writeAll(out(), files("buildspec.yaml", "version: 0.2\n", "iam/p.json", "{}\n"));

    assertThat(out().resolve("buildspec.yaml")).hasContent("version: 0.2");
    assertThat(out().resolve("iam/p.json")).hasContent("{}");
    assertThat(Files.readAllLines(out().resolve(OutputFolder.MANIFEST)))
        .containsSubsequence("buildspec.yaml", "iam/p.json");
    assertNoStagingLeft();
  }

  @Test
  void writeAll_again_replacesItsFiles_dropsTheOnesItNoLongerWrites_keepsOthers() throws Exception {
    OutputFolder.writeAll(out(), files("buildspec-a.yaml", "a\n", "pipeline.json", "1\n"));
    Files.writeString(out().resolve("notes.txt"), "mine");

    OutputFolder.writeAll(out(), files("buildspec-b.yaml", "b\n", "pipeline.json", "2\n"));

    assertThat(out().resolve("pipeline.json")).hasContent("2");
    assertThat(out().resolve("buildspec-b.yaml")).hasContent("b");
    assertThat(out().resolve("buildspec-a.yaml")).doesNotExist();
    assertThat(out().resolve("notes.txt")).hasContent("mine");
    assertNoStagingLeft();
  }

  @Test
  void writeAll_again_removesTheFoldersItsDroppedFilesLeaveEmpty_asPipelineBuildDoes()
      throws Exception {
    OutputFolder.writeAll(out(), files("iam/batch-policy.json", "{}\n", "pipeline.json", "1\n"));

    OutputFolder.writeAll(out(), files("pipeline.json", "2\n"));

    assertThat(out().resolve("iam")).doesNotExist();
    assertThat(out().resolve("pipeline.json")).hasContent("2");
    assertNoStagingLeft();
  }

  @Test
  void writeAll_aSymbolicLinkInTheWay_isRefusedAndNothingIsWritten() throws Exception {
    Files.createDirectories(out());
    Path elsewhere = Files.writeString(target.resolve("elsewhere.json"), "keep");
    Files.createSymbolicLink(out().resolve("pipeline.json"), elsewhere);

    assertThatThrownBy(
            () ->
                OutputFolder.writeAll(out(), files("buildspec.yaml", "x\n", "pipeline.json", "{}")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            out()
                + ": not written: pipeline.json (a symbolic link); only regular files are replaced."
                + " Remove these or choose another <outputDirectory>");
    assertThat(elsewhere).hasContent("keep");
    assertThat(out().resolve("buildspec.yaml")).doesNotExist();
    assertNoStagingLeft();
  }

  @Test
  void writeAll_aFifoInTheWay_isRefusedWithoutOpeningIt() throws Exception {
    Files.createDirectories(out().resolve("iam"));
    Path fifo = out().resolve("iam/p.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).as("mkfifo").isZero();

    assertThatThrownBy(() -> OutputFolder.writeAll(out(), files("iam/p.json", "{}")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("iam/p.json (a special file such as a FIFO or device)");
    assertThat(out().resolve(OutputFolder.MANIFEST)).doesNotExist();
  }

  @Test
  void writeAll_aFileWhereAFolderGoes_isRefused() throws Exception {
    Files.createDirectories(out());
    Files.writeString(out().resolve("iam"), "a file");

    assertThatThrownBy(() -> OutputFolder.writeAll(out(), files("iam/p.json", "{}")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("not written: iam (a regular file)");
  }

  @Test
  void writeAll_anOutputDirectoryThatIsAFile_isRefused() throws Exception {
    Files.writeString(out(), "a file");

    assertThatThrownBy(() -> OutputFolder.writeAll(out(), files("pipeline.json", "{}")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(out() + ": a regular file, not a folder; <outputDirectory> takes a folder");
    assertThat(out()).hasContent("a file");
  }

  @Test
  void write_oneFile_replacesARegularFile_refusesALink() throws Exception {
    Path dot = out().resolve("pipeline.dot");
    OutputFolder.write(dot, "digraph {}\n");
    OutputFolder.write(dot, "digraph { a }\n");
    assertThat(dot).hasContent("digraph { a }");

    Path link = out().resolve("pipeline.mmd");
    Files.createSymbolicLink(link, dot);
    assertThatThrownBy(() -> OutputFolder.write(link, "graph"))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("pipeline.mmd (a symbolic link)");
    assertThat(dot).hasContent("digraph { a }");
  }
}
