package io.pipelinekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProblemsTest {
  @TempDir Path dir;

  @Test
  void describe_saysTheReasonWithoutClassNames() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "x");

    assertThat(FileProblems.describe(new NoSuchFileException("x.yaml"))).isEqualTo("no such file");
    assertThat(FileProblems.describe(new AccessDeniedException("x.yaml")))
        .isEqualTo("permission denied");
    assertThat(FileProblems.describe(new FileAlreadyExistsException(file.toString())))
        .isEqualTo(file + " is a file, not a folder");
    assertThat(FileProblems.describe(new FileSystemException("x", null, "Read-only file system")))
        .isEqualTo("read-only file system");
    assertThat(FileProblems.describe(new IOException("java.net.SocketException: reset")))
        .isEqualTo("an I/O error");
    assertThat(FileProblems.describe(new IOException((String) null))).isEqualTo("an I/O error");
  }

  @Test
  void notARegularFile_namesTheKind() throws IOException {
    Path file = Files.writeString(dir.resolve("a.yaml"), "x");

    assertThat(FileProblems.notARegularFile(file)).isEmpty();
    assertThat(FileProblems.notARegularFile(dir)).hasValue("is a folder, not a file");
    assertThat(FileProblems.notARegularFile(dir.resolve("nope"))).hasValue("no such file");
    if (Files.exists(Path.of("/dev/null"))) {
      assertThat(FileProblems.notARegularFile(Path.of("/dev/null")))
          .hasValue("is a device, not a regular file; pass a file");
    }
  }

  @Test
  void unsupportedEncoding_findsUtf16AndUtf32_butNotUtf8() {
    String text = "openapi: 3.0.1\ninfo:\n  title: t\n";
    assertThat(FileProblems.unsupportedEncoding(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(FileProblems.unsupportedEncoding("é ü ß — ok".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    for (var charset :
        new java.nio.charset.Charset[] {
          StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE
        }) {
      assertThat(FileProblems.unsupportedEncoding(text.getBytes(charset)))
          .as(charset.name())
          .hasValue("UTF-16 is not supported: save the file as UTF-8");
    }
    assertThat(
            FileProblems.unsupportedEncoding(
                text.getBytes(java.nio.charset.Charset.forName("UTF-32LE"))))
        .hasValue("UTF-32 is not supported: save the file as UTF-8");
    // One NUL in otherwise ASCII text is not UTF-16 (the YAML reader reports where it is).
    assertThat(
            FileProblems.unsupportedEncoding(
                "a: b\u0000c\nd: e\n".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void textPosition_countsLinesAndCharacters() {
    assertThat(TextPosition.ofCodePoint("ab\ncé\u0000", 5)).isEqualTo(new TextPosition(2, 3));
    assertThat(TextPosition.ofCodePoint("\uD83D\uDE00x\u0000", 2))
        .isEqualTo(new TextPosition(1, 3));
    assertThat(TextPosition.describe(0)).isEqualTo("a NUL character (U+0000)");
    assertThat(TextPosition.describe(0x1B)).isEqualTo("the control character U+001B");
  }
}
