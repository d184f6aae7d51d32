package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import io.pipelinekit.core.Location;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeLoaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private LoadedDocument load(Path file) {
    return SafeLoader.load(file, LoadOptions.defaults());
  }

  @Test
  void load_yaml_recordsLineAndColumnOfEveryKey() throws IOException {
    Path file = write("a.yaml", "openapi: 3.0.3\npaths:\n  /items:\n    get:\n      summary: x\n");
    LoadedDocument doc = load(file);
    assertThat(doc.root().at("/paths/~1items/get/summary").asText()).isEqualTo("x");
    Location at = doc.locate("/paths/~1items/get/summary");
    assertThat(at.line()).isEqualTo(5);
    assertThat(at.column()).isEqualTo(7);
    assertThat(doc.locate("/paths/~1items/get/nothing/here").line()).isEqualTo(4);
  }

  @Test
  void load_locations_resolvePointersAndIterateAsAPlainMap() throws IOException {
    Path file =
        write(
            "a.yaml", "a:\n  b/c: 1\n  list:\n    - x\n    - {y: 2}\nbase: &k {z: 1}\ncopy: *k\n");
    LoadedDocument doc = load(file);
    assertThat(doc.locations().get("/a/b~1c")).containsExactly(2, 3);
    assertThat(doc.locations().get("/a/list/1")).containsExactly(5, 7);
    assertThat(doc.locations().get("/a/list/1/y")).containsExactly(5, 8);
    assertThat(doc.locations().get("/a/missing")).isNull();
    assertThat(doc.locate("/copy/z").line()).isEqualTo(7);
    assertThat(new java.util.HashMap<>(doc.locations()))
        .containsKeys("", "/a", "/a/b~1c", "/a/list", "/a/list/0", "/a/list/1/y", "/base/z")
        .hasSize(10);
  }

  @Test
  void load_numericKeys_areTheStringsWritten() throws IOException {
    Path file = write("a.yaml", "responses:\n  200:\n    description: ok\n  4XX: {}\n  007: {}\n");
    JsonNode responses = load(file).root().get("responses");
    assertThat(responses.fieldNames()).toIterable().containsExactly("200", "4XX", "007");
  }

  @Test
  void load_plainScalars_typedByYamlCoreSchema_quotedStaysString() throws IOException {
    Path file =
        write(
            "a.yaml",
            "a: 12\nb: '12'\nc: true\nd: yes\ne: ~\nf: 1.5\ng: 0x1F\nh: 2023-01-01\ni: .inf\n");
    JsonNode root = load(file).root();
    assertThat(root.get("a").isInt()).isTrue();
    assertThat(root.get("b").isTextual()).isTrue();
    assertThat(root.get("c").booleanValue()).isTrue();
    assertThat(root.get("d").textValue()).isEqualTo("yes");
    assertThat(root.get("e").isNull()).isTrue();
    assertThat(root.get("f").doubleValue()).isEqualTo(1.5);
    assertThat(root.get("g").intValue()).isEqualTo(31);
    assertThat(root.get("h").textValue()).isEqualTo("2023-01-01");
    assertThat(root.get("i").doubleValue()).isInfinite();
  }

  @Test
  void load_duplicateKey_isAnErrorNamingBothLines() throws IOException {
    Path file = write("dup.yaml", "info:\n  title: a\n  version: '1'\n  title: b\n");
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageStartingWith(file + ":4:3: duplicate key 'title' at /info (first at line 2)");
  }

  @Test
  void load_duplicateKeyInJson_isAnErrorNamingBothLines() throws IOException {
    Path file = write("dup.json", "{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3\n}\n");
    assertThatThrownBy(() -> load(file))
        .hasMessageStartingWith(file + ":4:3: duplicate key 'a' at the document root")
        .hasMessageContaining("first at line 2");
  }

  @Test
  void load_alias_isExpandedToTheAnchoredValue_notItsName() throws IOException {
    Path file =
        write(
            "alias.yaml",
            "base: &x\n  type: string\n  maxLength: 5\nname: *x\nscalar: &s hello\nother: *s\n");
    JsonNode root = load(file).root();
    assertThat(root.get("name")).isEqualTo(root.get("base"));
    assertThat(root.get("name").get("maxLength").intValue()).isEqualTo(5);
    assertThat(root.get("other").textValue()).isEqualTo("hello");
  }

  @Test
  void load_mergeKey_addsKeysTheMappingDoesNotSet() throws IOException {
    Path file =
        write(
            "merge.yaml",
            "base: &b\n  a: 1\n  b: 2\nderived:\n  <<: *b\n  b: 3\ninline:\n  <<: {c: 4}\n  d: 5\n");
    JsonNode root = load(file).root();
    assertThat(root.get("derived").get("a").intValue()).isEqualTo(1);
    assertThat(root.get("derived").get("b").intValue()).isEqualTo(3);
    assertThat(root.get("derived").has("<<")).isFalse();
    assertThat(root.get("inline").get("c").intValue()).isEqualTo(4);
    assertThat(root.get("inline").get("d").intValue()).isEqualTo(5);
  }

  @Test
  void load_billionLaughs_isRejectedQuicklyAsAnAliasBomb() throws IOException {
    StringBuilder yaml =
        new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    Path file = write("bomb.yaml", yaml.toString());
    long start = System.nanoTime();
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("alias bomb");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void load_aliasesBeyondCount_areRejectedWithTheLimitsOption() throws IOException {
    Path file = write("a.yaml", "a: &x 1\nb: [*x, *x, *x]\n");
    LoadOptions strict = LoadOptions.builder().maxAliases(2).build();
    assertThatThrownBy(() -> SafeLoader.load(file, strict))
        .hasMessageStartingWith(file + ":2:13: more than 2 YAML aliases")
        .hasMessageContaining("--max-aliases");
    assertThat(SafeLoader.load(file, LoadOptions.defaults()).root().get("b").size()).isEqualTo(3);
  }

  @Test
  void load_undefinedOrRecursiveAlias_isAnError() throws IOException {
    Path file = write("a.yaml", "a: &x\n  b: *x\n");
    assertThatThrownBy(() -> load(file)).hasMessageStartingWith(file + ":2:6: alias *x names no");
  }

  @Test
  void load_deepNesting_isRejectedAtTheLimit() throws IOException {
    Path yaml = write("deep.yaml", "[".repeat(100_000) + "]".repeat(100_000));
    Path json = write("deep.json", "[".repeat(100_000) + "]".repeat(100_000));
    assertThatThrownBy(() -> load(yaml))
        .hasMessageStartingWith(yaml + ":1:257: nesting deeper than 256 levels");
    assertThatThrownBy(() -> load(json))
        .hasMessageStartingWith(json + ":1:257: nesting deeper than 256 levels");
  }

  @Test
  void load_secondYamlDocument_isAnError() throws IOException {
    Path file = write("two.yaml", "openapi: 3.0.3\n---\nopenapi: 3.0.3\n");
    assertThatThrownBy(() -> load(file))
        .hasMessageStartingWith(file + ":2:1: a second YAML document starts here");
  }

  @Test
  void load_contentAfterJsonDocument_isAnError() throws IOException {
    Path file = write("two.json", "{\"a\": 1}\n{\"b\": 2}\n");
    assertThatThrownBy(() -> load(file)).hasMessageStartingWith(file + ":2:1: content after");
  }

  @Test
  void load_invalidUtf8_isAnErrorWithItsPosition() throws IOException {
    Path file = dir.resolve("bad.yaml");
    byte[] head = "a: 1\nb: caf".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC3;
    bytes[head.length + 1] = (byte) 0x28;
    Files.write(file, bytes);
    assertThatThrownBy(() -> load(file))
        .hasMessageStartingWith(file + ":2:7: invalid UTF-8 (byte 0xC3 at offset 11)");
  }

  @Test
  void load_tabIndentation_isAnErrorWithItsPosition() throws IOException {
    Path file = write("tab.yaml", "info:\n\ttitle: x\n");
    assertThatThrownBy(() -> load(file))
        .hasMessageStartingWith(
            file
                + ":2:1: invalid YAML: a tab character in the indentation; YAML indents with"
                + " spaces only");
    Path separator = write("sep.yaml", "info:\n  title:\tx\n");
    assertThatThrownBy(() -> load(separator))
        .hasMessageStartingWith(separator + ":2:9: invalid YAML: a tab character where a space");
  }

  @Test
  void load_fileLargerThanLimit_isRejectedBeforeReading() throws IOException {
    Path file = dir.resolve("big.yaml");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(50L * 1024 * 1024);
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> load(file))
        .hasMessage(
            file
                + ":1:1: the file is 52428800 bytes, larger than the limit of 16777216 bytes; split"
                + " it or raise the limit (--max-bytes)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void load_longString_isRejectedAtTheLimit() throws IOException {
    Path file = write("long.yaml", "a: " + "x".repeat(200) + "\n");
    LoadOptions options = LoadOptions.builder().maxStringLength(100).build();
    assertThatThrownBy(() -> SafeLoader.load(file, options))
        .hasMessageStartingWith(file + ":1:4: a string of 200 characters is longer than the limit");
  }

  @Test
  void load_emptyFile_isAnError() throws IOException {
    Path file = write("empty.yaml", "# nothing\n");
    assertThatThrownBy(() -> load(file)).hasMessageContaining("no YAML document");
  }

  @Test
  void load_missingFile_namesIt() {
    Path file = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> load(file)).hasMessage(file + ": no such file; check the path");
  }
}
