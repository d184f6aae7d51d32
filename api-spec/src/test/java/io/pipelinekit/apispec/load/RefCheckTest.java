package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefCheckTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private Path spec(String ref) throws IOException {
    return write(
        "api/openapi.yaml",
        "openapi: 3.0.3\ncomponents:\n  schemas:\n    A:\n      $ref: '" + ref + "'\n");
  }

  @Test
  void ref_parentEscape_isRefusedWithItsLine() throws IOException {
    Path file = spec("../../etc/passwd");
    assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.defaults()))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageStartingWith(file + ":5:7: $ref '../../etc/passwd' points outside");
  }

  @Test
  void ref_percentEncodedEscape_isRefused() throws IOException {
    Path file = spec("%2e%2e/secret.yaml");
    write("secret.yaml", "a: 1\n");
    assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.defaults()))
        .hasMessageContaining("points outside");
  }

  @Test
  void ref_absolutePathAndFileScheme_areRefused() throws IOException {
    Path abs = spec("/etc/passwd");
    assertThatThrownBy(() -> SafeLoader.load(abs, LoadOptions.defaults()))
        .hasMessageContaining("is an absolute path");
    Path fileUrl = spec("file:///etc/passwd");
    assertThatThrownBy(() -> SafeLoader.load(fileUrl, LoadOptions.defaults()))
        .hasMessageContaining("uses the file: scheme");
  }

  @Test
  void ref_remote_isNeverFetched_andRefusedUnlessHostAllowed() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(300);
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/schema.yaml";
      Path file = spec(url);
      assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.defaults()))
          .hasMessageContaining("remote $ref '" + url + "' is not fetched")
          .hasMessageContaining("--allow-remote-refs 127.0.0.1");
      LoadOptions allowed = LoadOptions.builder().allowRemoteRefHost("127.0.0.1").build();
      assertThat(SafeLoader.load(file, allowed).root().has("components")).isTrue();
      assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void ref_relativeInsideFolder_isAccepted_andTheTargetIsCheckedToo() throws IOException {
    write("api/schemas/pet.yaml", "type: object\n");
    Path ok = spec("schemas/pet.yaml#/");
    assertThat(SafeLoader.load(ok, LoadOptions.defaults()).root()).isNotNull();
    Path target = write("api/schemas/bad.yaml", "a: 1\na: 2\n");
    Path bad = spec("schemas/bad.yaml");
    assertThatThrownBy(() -> SafeLoader.load(bad, LoadOptions.defaults()))
        .hasMessageStartingWith(target.toAbsolutePath().toRealPath() + ":2:1: duplicate key 'a'");
  }

  @Test
  void ref_nestedFileEscapingTheFirstDocumentsFolder_isRefused() throws IOException {
    write("api/schemas/pet.yaml", "owner:\n  $ref: '../../outside.yaml'\n");
    write("outside.yaml", "a: 1\n");
    Path file = spec("schemas/pet.yaml");
    assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.defaults()))
        .hasMessageContaining("pet.yaml:2:3: $ref '../../outside.yaml' points outside");
  }

  @Test
  void ref_missingFile_isRefused() throws IOException {
    Path file = spec("nope.yaml");
    assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.defaults()))
        .hasMessageContaining("names a file that does not exist");
  }

  @Test
  void ref_symlinkOutOfTheFolder_isRefused() throws IOException {
    Path outside = write("outside.yaml", "a: 1\n");
    Files.createDirectories(dir.resolve("api"));
    Files.createSymbolicLink(dir.resolve("api/link.yaml"), outside);
    Path file = spec("link.yaml");
    assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.defaults()))
        .hasMessageContaining("resolves through a symbolic link");
  }

  @Test
  void ref_insideExampleData_isNotAReference() throws IOException {
    Path file =
        write(
            "api/openapi.yaml",
            "openapi: 3.0.3\ncomponents:\n  schemas:\n    A:\n      example:\n"
                + "        $ref: https://example.com/Users/1\n");
    assertThat(SafeLoader.load(file, LoadOptions.defaults()).root()).isNotNull();
  }
}
