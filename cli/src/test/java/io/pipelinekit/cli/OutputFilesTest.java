package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path tmp;

  private static Map<String, String> files(String... pathsAndTexts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
    }
    return files;
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.count();
    }
  }

  @Test
  void writeAll_whenALaterFileCannotBeWritten_writesNoneAndRemovesTheFoldersItMade()
      throws IOException {
    Files.writeString(tmp.resolve("kept.txt"), "earlier\n");
    Files.writeString(tmp.resolve("blocked"), "a file where a folder must go\n");
    long entries = count(tmp);

    assertThatThrownBy(
            () ->
                OutputFiles.writeAll(
                    tmp,
                    files(
                        "kept.txt", "new\n",
                        "fresh/deep/a.txt", "a\n",
                        "blocked/b.txt", "b\n")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("blocked")
        .hasMessageContaining("did not write");

    assertThat(Files.readString(tmp.resolve("kept.txt"))).isEqualTo("earlier\n");
    assertThat(tmp.resolve("fresh")).doesNotExist();
    assertThat(count(tmp)).isEqualTo(entries);
  }

  @Test
  void writeAll_writesEveryFile_andLeavesNoTemporaryFiles() throws IOException {
    Files.writeString(tmp.resolve("kept.txt"), "earlier\n");

    OutputFiles.writeAll(tmp, files("kept.txt", "new\n", "sub/a.txt", "a\n"));

    assertThat(Files.readString(tmp.resolve("kept.txt"))).isEqualTo("new\n");
    assertThat(Files.readString(tmp.resolve("sub/a.txt"))).isEqualTo("a\n");
    // tmp, kept.txt, sub, sub/a.txt and the list of files written
    assertThat(count(tmp)).isEqualTo(5);
    assertThat(tmp.resolve(OutputFiles.MANIFEST)).exists();
  }
}
