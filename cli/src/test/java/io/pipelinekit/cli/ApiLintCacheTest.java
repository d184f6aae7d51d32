package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build's API lint cache answers only for the very same tool, path and text, never for a document
 * whose {@code $ref}s may name another file, and never from an entry someone else could have
 * written.
 */
class ApiLintCacheTest {
  private static final String TOOL = "a".repeat(64);
  private static final String DOC = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

  @TempDir Path tmp;

  /** A lint that counts its calls and answers {@code errors}. */
  private static final class CountingLint implements Supplier<List<String>> {
    final List<String> errors;
    int calls;

    CountingLint(String... errors) {
      this.errors = List.of(errors);
    }

    @Override
    public List<String> get() {
      calls++;
      return errors;
    }
  }

  private ApiLintCache cache() {
    return new ApiLintCache(tmp.resolve("cache/api-lint"), TOOL);
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> s = Files.list(tmp.resolve("cache/api-lint"))) {
      return s.toList();
    }
  }

  @Test
  void theSameTextAtTheSamePath_isLintedOnce_andAnsweredFromTheEntryAfter() throws IOException {
    Path file = tmp.resolve("out/openapi.yaml");
    CountingLint lint = new CountingLint("a.yaml:3:1 error r one", "line\nbreak: two");

    assertThat(cache().errors(file, DOC, lint)).containsExactlyElementsOf(lint.errors);
    assertThat(cache().errors(file, DOC, lint)).containsExactlyElementsOf(lint.errors);

    assertThat(lint.calls).isEqualTo(1);
    assertThat(entries()).hasSize(1);
    Path entry = entries().get(0);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void noErrors_isRememberedToo() {
    Path file = tmp.resolve("openapi.yaml");
    CountingLint lint = new CountingLint();
    cache().errors(file, DOC, lint);
    assertThat(cache().errors(file, DOC, lint)).isEmpty();
    assertThat(lint.calls).isEqualTo(1);
  }

  @Test
  void anotherText_path_orTool_isLintedAgain() {
    Path file = tmp.resolve("openapi.yaml");
    CountingLint lint = new CountingLint("e");
    cache().errors(file, DOC, lint);

    cache().errors(file, DOC + "# changed\n", lint);
    cache().errors(tmp.resolve("other/openapi.yaml"), DOC, lint);
    new ApiLintCache(tmp.resolve("cache/api-lint"), "b".repeat(64)).errors(file, DOC, lint);
    assertThat(lint.calls).isEqualTo(4);

    cache().errors(file, DOC, lint);
    assertThat(lint.calls).as("the first entry is still there").isEqualTo(4);
  }

  @Test
  void anEntryWithTheSameNameForAnotherText_isAMiss_andIsReplaced() throws IOException {
    Path file = tmp.resolve("openapi.yaml");
    cache().errors(file, DOC, new CountingLint("old"));
    Path entry = entries().get(0);
    // the same file name (a checksum collision, say) but another document inside
    String other = Files.readString(entry).replace("paths: {}", "paths: []");
    Files.writeString(entry, other);

    CountingLint lint = new CountingLint("new");
    assertThat(cache().errors(file, DOC, lint)).containsExactly("new");
    assertThat(cache().errors(file, DOC, lint)).containsExactly("new");
    assertThat(lint.calls).isEqualTo(1);
  }

  @Test
  void aTruncatedOrGarbledEntry_isAMiss() throws IOException {
    Path file = tmp.resolve("openapi.yaml");
    cache().errors(file, DOC, new CountingLint("one", "two"));
    Path entry = entries().get(0);
    String whole = Files.readString(entry);
    List<String> damaged = new ArrayList<>();
    damaged.add(whole.substring(0, whole.length() - 2));
    damaged.add(whole + "3\nmore\n");
    damaged.add(whole.replace("pipelinekit api-lint 1", "pipelinekit api-lint 9"));
    damaged.add(whole.replaceFirst("\n2\n", "\n3\n"));
    damaged.add("");
    for (String content : damaged) {
      Files.writeString(entry, content);
      CountingLint lint = new CountingLint("fresh");
      assertThat(cache().errors(file, DOC, lint)).as(content).containsExactly("fresh");
      assertThat(lint.calls).isEqualTo(1);
    }
  }

  @Test
  void aDocumentWhoseRefsMayNameAnotherFile_isNeverRemembered() throws IOException {
    String external =
        DOC.replace(
            "paths: {}",
            "paths:\n  /a:\n    $ref: 'paths.yaml#/a'\ncomponents:\n  schemas:\n    S: {$ref: '#/x'}");
    CountingLint lint = new CountingLint("e");
    cache().errors(tmp.resolve("openapi.yaml"), external, lint);
    cache().errors(tmp.resolve("openapi.yaml"), external, lint);
    assertThat(lint.calls).isEqualTo(2);
    assertThat(Files.exists(tmp.resolve("cache/api-lint"))).isFalse();
  }

  @Test
  void selfContained_onlyWhenEveryRefPointsIntoTheDocument() {
    assertThat(ApiLintCache.selfContained(DOC)).isTrue();
    assertThat(ApiLintCache.selfContained("a:\n  $ref: '#/components/schemas/A'\n")).isTrue();
    assertThat(ApiLintCache.selfContained("a:\n  $ref: \"#/x\"\n")).isTrue();
    assertThat(ApiLintCache.selfContained("{\"a\": {\"$ref\" : \"#/x\"}}")).isTrue();
    assertThat(ApiLintCache.selfContained("a: {$ref: '#/x'}")).isTrue();
    assertThat(ApiLintCache.selfContained("a:\n  $ref: other.yaml\n")).isFalse();
    assertThat(ApiLintCache.selfContained("a:\n  $ref: './other.yaml#/x'\n")).isFalse();
    assertThat(ApiLintCache.selfContained("{\"$ref\": \"https://example.com/a.json\"}")).isFalse();
    assertThat(ApiLintCache.selfContained("description: use a $ref here\n")).isFalse();
    assertThat(ApiLintCache.selfContained("a:\n  $ref:\n    other.yaml\n")).isFalse();
    assertThat(ApiLintCache.selfContained("a: 1\nb: $ref")).isFalse();
  }

  @Test
  void anEntryOthersMayWrite_orALink_isNeitherReadNorReplaced() throws IOException {
    Path file = tmp.resolve("openapi.yaml");
    cache().errors(file, DOC, new CountingLint("mine"));
    Path entry = entries().get(0);

    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-rw-rw-"));
    CountingLint lint = new CountingLint("fresh");
    assertThat(cache().errors(file, DOC, lint)).containsExactly("fresh");
    assertThat(cache().errors(file, DOC, lint)).containsExactly("fresh");
    assertThat(lint.calls).as("never read, never replaced").isEqualTo(2);
    assertThat(Files.readString(entry)).contains("mine");

    Files.delete(entry);
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "x");
    Files.createSymbolicLink(entry, elsewhere);
    assertThat(cache().errors(file, DOC, new CountingLint("fresh"))).containsExactly("fresh");
    assertThat(Files.isSymbolicLink(entry)).isTrue();
    assertThat(Files.readString(elsewhere)).isEqualTo("x");
  }

  @Test
  void aFolderOthersMayWrite_isNotUsed() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("cache/api-lint"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    CountingLint lint = new CountingLint("e");
    cache().errors(tmp.resolve("openapi.yaml"), DOC, lint);
    cache().errors(tmp.resolve("openapi.yaml"), DOC, lint);
    assertThat(lint.calls).isEqualTo(2);
    assertThat(entries()).isEmpty();
  }

  @Test
  void atMostMaxEntries_areKept_theOldestGoFirst() throws IOException {
    Path first = tmp.resolve("0/openapi.yaml");
    cache().errors(first, DOC, new CountingLint());
    Files.setLastModifiedTime(entries().get(0), FileTime.fromMillis(0));
    for (int i = 1; i <= ApiLintCache.MAX_ENTRIES; i++) {
      cache().errors(tmp.resolve(i + "/openapi.yaml"), DOC, new CountingLint());
    }
    assertThat(entries()).hasSize(ApiLintCache.MAX_ENTRIES);

    CountingLint lint = new CountingLint();
    cache().errors(first, DOC, lint);
    assertThat(lint.calls).as("the oldest entry was removed").isEqualTo(1);
    cache().errors(tmp.resolve(ApiLintCache.MAX_ENTRIES + "/openapi.yaml"), DOC, lint);
    assertThat(lint.calls).as("the newest is kept").isEqualTo(1);
  }

  @Test
  void aLargeDocument_isNotRemembered() {
    String large = DOC + "#".repeat(ApiLintCache.MAX_TEXT);
    CountingLint lint = new CountingLint();
    cache().errors(tmp.resolve("openapi.yaml"), large, lint);
    cache().errors(tmp.resolve("openapi.yaml"), large, lint);
    assertThat(lint.calls).isEqualTo(2);
  }

  @Test
  void aLintThatFails_isNotRemembered() {
    Path file = tmp.resolve("openapi.yaml");
    Supplier<List<String>> failing =
        () -> {
          throw new IllegalStateException("unreadable");
        };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache().errors(file, DOC, failing))
        .hasMessage("unreadable");
    CountingLint lint = new CountingLint("e");
    assertThat(cache().errors(file, DOC, lint)).containsExactly("e");
    assertThat(lint.calls).isEqualTo(1);
  }

  /** A class to load from a jar of the test's own. */
  static final class Marker {}

  @Test
  void toolIdentity_isTheChecksumBesideTheJar_andNoneForClassesOutsideOne() throws Exception {
    assertThat(ApiLintCache.toolIdentity(ApiLintCacheTest.class)).as("test classes").isNull();

    String resource = Marker.class.getName().replace('.', '/') + ".class";
    Path jar = tmp.resolve("tool-all.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var in = ApiLintCacheTest.class.getClassLoader().getResourceAsStream(resource)) {
      out.putNextEntry(new java.util.jar.JarEntry(resource));
      in.transferTo(out);
      out.closeEntry();
    }
    Path sum = tmp.resolve("tool-all.jar.sha256");
    String hex = "0123456789abcdef".repeat(4);
    try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
      Class<?> marker = loader.loadClass(Marker.class.getName());
      assertThat(ApiLintCache.toolIdentity(marker)).as("no checksum file").isNull();

      Files.writeString(sum, hex + "  tool-all.jar\n");
      assertThat(ApiLintCache.toolIdentity(marker)).isEqualTo(hex);
      Files.writeString(sum, hex);
      assertThat(ApiLintCache.toolIdentity(marker)).isEqualTo(hex);

      for (String bad : List.of("", hex.substring(1), hex.toUpperCase(), hex + "0", "x" + hex)) {
        Files.writeString(sum, bad);
        assertThat(ApiLintCache.toolIdentity(marker)).as(bad).isNull();
      }
    }
  }
}
