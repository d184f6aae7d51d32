package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.pipeline.internal.FragmentMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build's cache answers only for the very same kind, tool and key, never from an entry someone else
 * could have written; the merge it remembers is the merge of the very same fragment bytes, and a
 * fragment whose {@code $ref}s may name another file is never remembered.
 */
class BuildCacheTest {
  private static final String TOOL = "a".repeat(64);
  private static final String DOC = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
  private static final List<String> KEY = List.of("/out/openapi.yaml", DOC);

  @TempDir Path tmp;

  private BuildCache cache() {
    return new BuildCache(tmp.resolve("cache/build-cache"), TOOL);
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> s = Files.list(tmp.resolve("cache/build-cache"))) {
      return s.toList();
    }
  }

  @Test
  void whatIsRemembered_isAnsweredForTheSameKey_asWritten() throws IOException {
    assertThat(cache().lookup("k", KEY)).isNull();
    List<String> values = List.of("a.yaml:3:1 error r one", "line\nbreak: two", "");
    cache().remember("k", KEY, values);

    assertThat(cache().lookup("k", KEY)).containsExactlyElementsOf(values);
    assertThat(entries()).hasSize(1);
    Path entry = entries().get(0);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent())))
        .isEqualTo("rwx------");

    cache().remember("k", List.of("x"), List.of());
    assertThat(cache().lookup("k", List.of("x"))).isEmpty();
  }

  @Test
  void anotherKind_tool_orKey_isAMiss() {
    cache().remember("k", KEY, List.of("e"));
    assertThat(cache().lookup("other", KEY)).isNull();
    assertThat(new BuildCache(tmp.resolve("cache/build-cache"), "b".repeat(64)).lookup("k", KEY))
        .isNull();
    assertThat(cache().lookup("k", List.of("/out/openapi.yaml", DOC + "#"))).isNull();
    assertThat(cache().lookup("k", List.of("/other/openapi.yaml", DOC))).isNull();
    assertThat(cache().lookup("k", List.of("/out/openapi.yaml", DOC, ""))).isNull();
    assertThat(cache().lookup("k", KEY)).containsExactly("e");
  }

  @Test
  void anEntryWithTheSameNameForAnotherKey_isAMiss_andIsReplaced() throws IOException {
    cache().remember("k", KEY, List.of("old"));
    Path entry = entries().get(0);
    // the same file name (a checksum collision, say) but another document inside
    Files.writeString(entry, Files.readString(entry).replace("paths: {}", "paths: []"));

    assertThat(cache().lookup("k", KEY)).isNull();
    cache().remember("k", KEY, List.of("new"));
    assertThat(cache().lookup("k", KEY)).containsExactly("new");
    assertThat(entries()).hasSize(1);
  }

  @Test
  void aTruncatedOrGarbledEntry_isAMiss() throws IOException {
    cache().remember("k", KEY, List.of("one", "two"));
    Path entry = entries().get(0);
    String whole = Files.readString(entry);
    List<String> damaged = new ArrayList<>();
    damaged.add(whole.substring(0, whole.length() - 2));
    damaged.add(whole + "4\nmore\n");
    damaged.add(whole.replace("pipelinekit build-cache 1", "pipelinekit build-cache 9"));
    damaged.add(whole.replace("\n1\n2\n3\none\n", "\n1\n3\n3\none\n")); // a value too few
    damaged.add(whole.replace("\n3\none\n", "\nx\none\n"));
    damaged.add(whole.replace("\n3\none\n", "\n4\none\n"));
    damaged.add("");
    for (String content : damaged) {
      assertThat(content).isNotEqualTo(whole);
      Files.writeString(entry, content);
      assertThat(cache().lookup("k", KEY)).as(content).isNull();
    }
  }

  @Test
  void selfContained_onlyWhenEveryRefPointsIntoTheDocument() {
    assertThat(BuildCache.selfContained(DOC)).isTrue();
    assertThat(BuildCache.selfContained("a:\n  $ref: '#/components/schemas/A'\n")).isTrue();
    assertThat(BuildCache.selfContained("a:\n  $ref: \"#/x\"\n")).isTrue();
    assertThat(BuildCache.selfContained("{\"a\": {\"$ref\" : \"#/x\"}}")).isTrue();
    assertThat(BuildCache.selfContained("a: {$ref: '#/x'}")).isTrue();
    assertThat(BuildCache.selfContained("a:\n  $ref: other.yaml\n")).isFalse();
    assertThat(BuildCache.selfContained("a:\n  $ref: './other.yaml#/x'\n")).isFalse();
    assertThat(BuildCache.selfContained("{\"$ref\": \"https://example.com/a.json\"}")).isFalse();
    assertThat(BuildCache.selfContained("description: use a $ref here\n")).isFalse();
    assertThat(BuildCache.selfContained("a:\n  $ref:\n    other.yaml\n")).isFalse();
    assertThat(BuildCache.selfContained("a: 1\nb: $ref")).isFalse();
    // an escape can spell $ref where the text does not
    assertThat(BuildCache.selfContained("{\"\\u0024ref\": \"other.json\"}")).isFalse();
    assertThat(BuildCache.selfContained("{\"$\\u0072ef\": \"other.json\"}")).isFalse();
    assertThat(BuildCache.selfContained("a: {\"\\x24ref\": other.yaml}")).isFalse();
    assertThat(BuildCache.selfContained("a: 'C:\\temp'\nb: \"tab\\t\"\n")).isTrue();
  }

  @Test
  void anEntryOthersMayWrite_orALink_isNeitherReadNorReplaced() throws IOException {
    cache().remember("k", KEY, List.of("mine"));
    Path entry = entries().get(0);

    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThat(cache().lookup("k", KEY)).isNull();
    cache().remember("k", KEY, List.of("theirs"));
    assertThat(Files.readString(entry)).contains("mine").doesNotContain("theirs");

    Files.delete(entry);
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "x");
    Files.createSymbolicLink(entry, elsewhere);
    assertThat(cache().lookup("k", KEY)).isNull();
    cache().remember("k", KEY, List.of("theirs"));
    assertThat(Files.isSymbolicLink(entry)).isTrue();
    assertThat(Files.readString(elsewhere)).isEqualTo("x");
  }

  @Test
  void aFolderOthersMayWrite_isNotUsed() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("cache/build-cache"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    cache().remember("k", KEY, List.of("e"));
    assertThat(entries()).isEmpty();
    assertThat(cache().lookup("k", KEY)).isNull();
  }

  @Test
  void atMostMaxEntries_areKept_theOldestGoFirst() throws IOException {
    cache().remember("k", List.of("0"), List.of("first"));
    Files.setLastModifiedTime(entries().get(0), FileTime.fromMillis(0));
    for (int i = 1; i <= BuildCache.MAX_ENTRIES; i++) {
      cache().remember("k", List.of(String.valueOf(i)), List.of());
    }
    assertThat(entries()).hasSize(BuildCache.MAX_ENTRIES);
    assertThat(cache().lookup("k", List.of("0"))).as("the oldest was removed").isNull();
    assertThat(cache().lookup("k", List.of(String.valueOf(BuildCache.MAX_ENTRIES)))).isEmpty();
  }

  @Test
  void aLargeKeyOrValue_isNotRemembered() {
    String large = "#".repeat(BuildCache.MAX_TEXT + 1);
    cache().remember("k", List.of(large), List.of());
    assertThat(cache().lookup("k", List.of(large))).isNull();
    cache().remember("k", KEY, List.of(large));
    assertThat(cache().lookup("k", KEY)).isNull();
  }

  @Test
  void noFolderOrNoIdentity_remembersNothing() {
    BuildCache none = new BuildCache(null, TOOL);
    assertThat(none.enabled()).isFalse();
    none.remember("k", KEY, List.of());
    assertThat(none.lookup("k", KEY)).isNull();
    assertThat(BuildCache.forThisTool().enabled()).as("test classes have no jar").isFalse();
  }

  // --- the merge build remembers ------------------------------------------------------------

  private static final String PETS =
      "openapi: 3.0.3\ninfo: {title: Pets, version: 1.0.0}\npaths:\n  /pets:\n    get:\n"
          + "      responses:\n        '200': {description: The pets}\n";
  private static final String GATEWAY =
      "openapi: 3.0.3\ninfo: {title: gateway, version: 1.0.0}\npaths:\n  /pets:\n    get:\n"
          + "      x-amazon-apigateway-integration: {type: mock}\n";

  @Test
  void merge_ofTheSameFragmentBytes_isRemembered_andMergedAgainWhenOneChanges() throws IOException {
    Path pets = Files.writeString(tmp.resolve("pets.yaml"), PETS);
    Path gateway = Files.writeString(tmp.resolve("gateway.yaml"), GATEWAY);
    List<Path> fragments = List.of(pets, gateway);
    String expected = FragmentMerge.standard(fragments);

    assertThat(BuildCommand.mergedApi(cache(), fragments)).isEqualTo(expected);
    assertThat(entries()).hasSize(1);
    Path entry = entries().get(0);
    // shown to be answered from the entry: a value changed by hand (same length) comes back
    String answered = expected.replace("Pets", "Cats");
    Files.writeString(entry, Files.readString(entry).replace(expected, answered));
    assertThat(BuildCommand.mergedApi(cache(), fragments)).isEqualTo(answered);

    Files.writeString(gateway, GATEWAY.replace("mock", "http"));
    assertThat(BuildCommand.mergedApi(cache(), fragments))
        .isEqualTo(FragmentMerge.standard(fragments))
        .contains("type: http");
    assertThat(BuildCommand.mergedApi(cache(), List.of(gateway, pets)))
        .as("another order is another key")
        .isEqualTo(FragmentMerge.standard(List.of(gateway, pets)));
    assertThat(entries()).hasSize(3);
  }

  @Test
  void merge_ofAFragmentWithAnExternalRef_orOneThatFails_isNeverRemembered() throws IOException {
    Files.writeString(tmp.resolve("schemas.yaml"), "Pet: {type: object}\n");
    Path pets =
        Files.writeString(
            tmp.resolve("pets.yaml"),
            PETS.replace(
                "{description: The pets}",
                "\n          description: The pets\n          content:\n"
                    + "            application/json:\n"
                    + "              schema: {$ref: 'schemas.yaml#/Pet'}"));
    List<Path> fragments = List.of(pets);
    String merged = BuildCommand.mergedApi(cache(), fragments);
    assertThat(merged).contains("schemas.yaml#/Pet");
    assertThat(Files.exists(tmp.resolve("cache/build-cache"))).isFalse();

    Path broken = Files.writeString(tmp.resolve("broken.yaml"), "openapi: [\n");
    assertThatThrownBy(() -> BuildCommand.mergedApi(cache(), List.of(broken)))
        .isInstanceOf(ApiSpecException.class);
    assertThat(Files.exists(tmp.resolve("cache/build-cache"))).isFalse();
  }

  /** A class to load from a jar of the test's own. */
  static final class Marker {}

  @Test
  void toolIdentity_isTheChecksumBesideTheJar_andNoneForClassesOutsideOne() throws Exception {
    assertThat(BuildCache.toolIdentity(BuildCacheTest.class)).as("test classes").isNull();

    String resource = Marker.class.getName().replace('.', '/') + ".class";
    Path jar = tmp.resolve("tool-all.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var in = BuildCacheTest.class.getClassLoader().getResourceAsStream(resource)) {
      out.putNextEntry(new java.util.jar.JarEntry(resource));
      in.transferTo(out);
      out.closeEntry();
    }
    Path sum = tmp.resolve("tool-all.jar.sha256");
    String hex = "0123456789abcdef".repeat(4);
    try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
      Class<?> marker = loader.loadClass(Marker.class.getName());
      assertThat(BuildCache.toolIdentity(marker)).as("no checksum file").isNull();

      Files.writeString(sum, hex + "  tool-all.jar\n");
      assertThat(BuildCache.toolIdentity(marker)).isEqualTo(hex);
      Files.writeString(sum, hex);
      assertThat(BuildCache.toolIdentity(marker)).isEqualTo(hex);

      for (String bad : List.of("", hex.substring(1), hex.toUpperCase(), hex + "0", "x" + hex)) {
        Files.writeString(sum, bad);
        assertThat(BuildCache.toolIdentity(marker)).as(bad).isNull();
      }
    }
  }
}
