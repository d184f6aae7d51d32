package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o FILE} and {@code build --out DIR} never replace what is not theirs. */
class OutputTargetsTest {
  private static final String KITCHEN = TestDefinitions.Kitchen.class.getName();
  private static final String MINIMAL = TestDefinitions.Minimal.class.getName();
  private static final String APP =
      "app=111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/app:1a2b3c4";
  private static final String FRAGMENT =
      """
      openapi: 3.0.3
      info:
        title: Pets
        version: 1.0.0
      paths:
        /pets:
          get:
            operationId: listPets
            responses:
              '200':
                description: The pets
      """;

  @TempDir Path tmp;
  Path sources;
  Path fragment;

  @BeforeEach
  void sources() throws IOException {
    sources = tmp.resolve("src");
    for (String folder : new String[] {"api", "service/api"}) { // the kitchen's, the minimal's
      Files.createDirectories(sources.resolve(folder));
      for (String name : new String[] {"openapi.yaml", "gateway.yaml"}) {
        try (InputStream in =
            OutputTargetsTest.class.getResourceAsStream("/sources/kitchen/api/" + name)) {
          Files.write(sources.resolve(folder).resolve(name), in.readAllBytes());
        }
      }
    }
    fragment = tmp.resolve("pets.yaml");
    Files.writeString(fragment, FRAGMENT);
  }

  private Run build(String definition, Path out, String... extra) {
    String[] base = {
      "build",
      "--definition",
      definition,
      "--out",
      out.toString(),
      "--source-root",
      sources.toString(),
      TestDefinitions.TOOL[0],
      TestDefinitions.TOOL[1],
      TestDefinitions.TOOL[2],
      TestDefinitions.TOOL[3]
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Run.of(args);
  }

  /** Every entry under {@code dir} (links not followed): relative path → content or kind. */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
        String rel = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          entries.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          entries.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        } else {
          entries.put(rel, Files.isDirectory(p) ? "(folder)" : "(special)");
        }
      }
    }
    return entries;
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    Fifo.make(path);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  // -o FILE

  @Test
  void merge_whenOutputIsASymbolicLink_exits2NamingIt_andLeavesLinkAndTarget() throws IOException {
    Path target = tmp.resolve("elsewhere.yaml");
    Files.writeString(target, "mine\n");
    Path link = Files.createSymbolicLink(tmp.resolve("merged.yaml"), target);

    Run run = Run.of("merge", fragment.toString(), "-o", link.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(link + ": is a symbolic link, not a regular file")
        .contains("'-o -'")
        .doesNotContain("Exception");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("mine\n");
  }

  @Test
  void imageDefinitions_whenOutputIsAFifo_exits2AndLeavesTheFifo() throws Exception {
    Path fifo = tmp.resolve("imagedefinitions.json");
    mkfifo(fifo);

    Run run = Run.of("image-definitions", "-o", fifo.toString(), APP);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(fifo + ": is a FIFO (named pipe), not a regular file");
    assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.isDirectory(fifo) || Files.isSymbolicLink(fifo)).isFalse();
  }

  @Test
  void merge_whenOutputIsAFolder_exits2() throws IOException {
    Path folder = Files.createDirectory(tmp.resolve("merged.yaml"));

    Run run = Run.of("merge", fragment.toString(), "-o", folder.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(folder + ": is a folder, not a regular file");
  }

  @Test
  void imageDefinitions_rewritingAFile_keepsItsMode() throws IOException {
    Path file = tmp.resolve("imagedefinitions.json");
    Files.writeString(file, "[]\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    Run run = Run.of("image-definitions", "-o", file.toString(), APP);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(file)).contains("service/app:1a2b3c4");
    assertThat(mode(file)).isEqualTo("rw-r-----");
  }

  @Test
  void merge_rewritingAFile_keepsItsMode() throws IOException {
    Path file = tmp.resolve("merged.yaml");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

    Run run = Run.of("merge", fragment.toString(), "-o", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(file)).contains("listPets");
    assertThat(mode(file)).isEqualTo("rw-rw-r--");
  }

  @Test
  void oDash_writesStandardOutput_andNoFileNamedDash() {
    Run images = Run.of("image-definitions", "-o", "-", APP);
    Run merged = Run.of("merge", fragment.toString(), "-o", "-");

    assertThat(images.exitCode()).as(images.err()).isZero();
    assertThat(images.out()).startsWith("[\n  {\n    \"name\": \"app\"");
    assertThat(merged.exitCode()).as(merged.err()).isZero();
    assertThat(merged.out()).contains("operationId: listPets");
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void emptyOutputPath_isAUsageError() {
    Run images = Run.of("image-definitions", "-o", "", APP);
    Run merged = Run.of("merge", fragment.toString(), "-o", "");

    for (Run run : new Run[] {images, merged}) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("-o is empty").contains("--help");
    }
  }

  @Test
  void write_removesTemporaryFilesOfAKilledRun_notALiveOnes() throws Exception {
    Path file = tmp.resolve("imagedefinitions.json");
    long dead = deadPid();
    Path stale = tmp.resolve(".imagedefinitions.json." + dead + ".123.tmp");
    Files.writeString(stale, "half");
    Path live = tmp.resolve(".imagedefinitions.json." + ProcessHandle.current().pid() + ".1.tmp");
    Files.writeString(live, "in progress");

    Run run = Run.of("image-definitions", "-o", file.toString(), APP);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
  }

  // build --out DIR

  @Test
  void build_emptyOut_isAUsageError_andWritesNothing() {
    Run run = build(KITCHEN, Path.of(""));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--out is empty").contains("Run 'pipeline build --help'");
    assertThat(Path.of("pipeline.json")).doesNotExist();
  }

  @Test
  void build_whenOutIsASymbolicLinkToAFile_orAFifo_exits2() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "mine\n");
    Path link = Files.createSymbolicLink(tmp.resolve("out-link"), file);
    Path fifo = tmp.resolve("out-fifo");
    mkfifo(fifo);

    Run toLink = build(KITCHEN, link);
    Run toFifo = build(KITCHEN, fifo);

    assertThat(toLink.exitCode()).isEqualTo(2);
    assertThat(toLink.err()).contains(link + ": is a symbolic link to something that is not a");
    assertThat(toFifo.exitCode()).isEqualTo(2);
    assertThat(toFifo.err()).contains(fifo + ": is a FIFO (named pipe), not a folder");
    assertThat(Files.readString(file)).isEqualTo("mine\n");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void build_whenAnOutputFileIsASymbolicLink_exits2AndChangesNothing() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(build(KITCHEN, out).exitCode()).isZero();
    Path mine = Files.writeString(tmp.resolve("mine.json"), "mine\n");
    Files.delete(out.resolve("pipeline.json"));
    Files.createSymbolicLink(out.resolve("pipeline.json"), mine);
    Map<String, String> before = tree(out);

    Run run = build(KITCHEN, out, "-P", "name=kitchen-2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(out + ": not replaced")
        .contains("pipeline.json (a symbolic link)");
    assertThat(tree(out)).isEqualTo(before);
    assertThat(Files.readString(mine)).isEqualTo("mine\n");
  }

  @Test
  void build_whenOutHoldsAUsersFile_exits2NamingIt_andChangesNothing() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(build(KITCHEN, out).exitCode()).isZero();
    Files.writeString(out.resolve("notes.txt"), "my notes\n");
    Files.createDirectories(out.resolve("drafts"));
    Map<String, String> before = tree(out);

    Run run = build(KITCHEN, out, "-P", "name=kitchen-2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "it holds what pipeline build did not write: drafts/ (a folder it did not make),"
                + " notes.txt.")
        .contains("move these elsewhere or choose another --out");
    assertThat(tree(out)).isEqualTo(before);
  }

  @Test
  void build_intoAnotherDefinitionsOutput_leavesExactlyTheNewSet() throws IOException {
    Path out = tmp.resolve("out");
    Path fresh = tmp.resolve("fresh");
    Run minimal = build(MINIMAL, out);
    assertThat(minimal.exitCode()).as(minimal.err()).isZero();
    assertThat(out.resolve("buildspec.yaml")).exists();

    Run run = build(KITCHEN, out);
    assertThat(build(KITCHEN, fresh).exitCode()).isZero();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(tree(out)).isEqualTo(tree(fresh)); // Minimal's buildspec.yaml etc. are gone
    assertThat(Files.readString(out.resolve(OutputFiles.MANIFEST)))
        .contains("\npipeline.json\n")
        .contains("\niam/pipeline-role-policy.json\n")
        .doesNotContain("\nbuildspec.yaml\n");
  }

  @Test
  void build_intoAFolderAnEarlierVersionWrote_replacesItsFiles() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(build(KITCHEN, out).exitCode()).isZero();
    Files.delete(out.resolve(OutputFiles.MANIFEST)); // as an earlier version left it
    Files.writeString(out.resolve("pipeline.json"), "earlier\n");

    Run run = build(KITCHEN, out, "-P", "name=kitchen-2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve("pipeline.json"))).contains("\"name\": \"kitchen-2\"");
    assertThat(out.resolve(OutputFiles.MANIFEST)).exists();
  }

  @Test
  void build_keepsAnExistingFilesMode_andTheFolderStaysAFolder() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(build(KITCHEN, out).exitCode()).isZero();
    Files.setPosixFilePermissions(
        out.resolve("pipeline.json"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-x---"));

    Run run = build(KITCHEN, out, "-P", "name=kitchen-2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(Files.readString(out.resolve("pipeline.json"))).contains("kitchen-2");
    assertThat(mode(out.resolve("pipeline.json"))).isEqualTo("rw-------");
    assertThat(mode(out)).isEqualTo("rwxr-x---");
  }

  @Test
  void build_intoASymbolicLinkToAFolder_writesIntoTheFolder_andKeepsTheLink() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("elsewhere/pipeline"));
    Path link = Files.createSymbolicLink(tmp.resolve("out"), real);

    Run first = build(KITCHEN, link);
    Run second = build(KITCHEN, link, "-P", "name=kitchen-2");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(real);
    assertThat(Files.readString(real.resolve("pipeline.json"))).contains("kitchen-2");
    try (Stream<Path> beside = Files.list(real.getParent())) {
      assertThat(beside).containsExactly(real); // no temporary folder left
    }
  }

  @Test
  void build_removesTemporaryFoldersOfAKilledRun() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(build(KITCHEN, out).exitCode()).isZero();
    Path stale = Files.createDirectories(tmp.resolve(".out." + deadPid() + ".42.tmp/iam"));
    Files.writeString(stale.resolve("half.json"), "{");
    Path staleFile = Files.writeString(out.resolve(".pipeline.json.1.2.tmp"), "old version's");

    Run run = build(KITCHEN, out, "-P", "name=kitchen-2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(stale.getParent()).doesNotExist();
    assertThat(staleFile).doesNotExist();
    try (Stream<Path> listing = Files.list(tmp)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("src", "pets.yaml", "out");
    }
  }

  // the library entry, for what the command line cannot arrange

  @Test
  void writeAll_whereFoldersCannotBeExchanged_movesFileByFile_toTheSameResult() throws IOException {
    Path out = tmp.resolve("out");
    OutputFiles.writeAll(out, Map.of("a.txt", "a\n", "old/b.txt", "b\n"), () -> (a, b) -> false);

    OutputFiles.writeAll(out, Map.of("a.txt", "A\n", "new/c.txt", "c\n"), () -> (a, b) -> false);

    assertThat(tree(out))
        .containsOnlyKeys("a.txt", "new", "new/c.txt", OutputFiles.MANIFEST)
        .containsEntry("a.txt", "A\n")
        .containsEntry("new/c.txt", "c\n");
    try (Stream<Path> listing = Files.list(tmp)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("src", "pets.yaml", "out");
    }
  }

  @Test
  void writeAll_whenAFileCannotBeWritten_leavesTheOldSetAndNoTemporaryFolder() throws IOException {
    Path out = tmp.resolve("out");
    OutputFiles.writeAll(out, Map.of("a.txt", "a\n"));
    Map<String, String> before = tree(out);

    assertThatThrownBy(
            () -> OutputFiles.writeAll(out, Map.of("a.txt", "A\n", "x".repeat(300) + ".txt", "z")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("cannot write the file: file name too long")
        .hasMessageNotContaining("Exception");

    assertThat(tree(out)).isEqualTo(before);
    try (Stream<Path> listing = Files.list(tmp)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("src", "pets.yaml", "out");
    }
  }

  /** The id of a process that has ended. */
  static long deadPid() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
