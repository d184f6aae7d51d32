package io.pipelinekit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedFolderTest {
  private static final String MANIFEST = ".manifest";

  @TempDir Path tmp;

  private Path out() {
    return tmp.resolve("out");
  }

  /** An output folder as a previous run left it: its files and a manifest naming them. */
  private void previousRun(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path p = out().resolve(file.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, file.getValue());
    }
    Files.write(out().resolve(MANIFEST), OwnedFolder.manifest("# test", files.keySet()));
  }

  private List<String> notOurs() throws IOException {
    Set<String> owned = OwnedFolder.readManifest(out(), MANIFEST);
    return OwnedFolder.notOurs(
            out(),
            owned,
            (rel, attrs) -> rel.equals(MANIFEST) || (attrs.isRegularFile() && owned.contains(rel)))
        .stream()
        .map(
            f ->
                f.path()
                    + (f.isFolder() ? "/" : "")
                    + " "
                    + OwnedFolder.kind(f.at(), f.attributes()))
        .collect(Collectors.toList());
  }

  @Test
  void notOurs_whenOnlyWhatTheManifestLists_findsNothing() throws IOException {
    previousRun(Map.of("a.txt", "a", "iam/p.json", "{}"));

    assertThat(notOurs()).isEmpty();
  }

  @Test
  void notOurs_refusesASymbolicLinkEvenWhereTheManifestListsTheName() throws IOException {
    previousRun(Map.of("a.txt", "a"));
    Files.writeString(tmp.resolve("elsewhere.txt"), "not ours");
    Files.delete(out().resolve("a.txt"));
    Files.createSymbolicLink(out().resolve("a.txt"), tmp.resolve("elsewhere.txt"));

    assertThat(notOurs()).containsExactly("a.txt is a symbolic link");
  }

  @Test
  void notOurs_refusesAFifo() throws Exception {
    previousRun(Map.of("a.txt", "a"));
    Path fifo = out().resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThat(notOurs()).containsExactly("pipe is a FIFO (named pipe)");
  }

  @Test
  void notOurs_refusesAFolderItDidNotMake_withoutLookingInside() throws IOException {
    previousRun(Map.of("iam/p.json", "{}"));
    Files.createDirectories(out().resolve("notes/deep"));
    Files.writeString(out().resolve("notes/deep/todo.txt"), "mine");
    Files.writeString(out().resolve("iam/extra.json"), "mine too");

    assertThat(notOurs())
        .containsExactlyInAnyOrder("notes/ is a folder", "iam/extra.json is a regular file");
  }

  @Test
  void readManifest_ignoresALinkedManifestAndPathsOutsideTheFolder() throws IOException {
    Files.createDirectories(out());
    Files.writeString(
        out().resolve(MANIFEST), "# header\n\na.txt\n../escape.txt\n./b/../c.txt\n.\n");
    assertThat(OwnedFolder.readManifest(out(), MANIFEST)).containsExactly("a.txt", "c.txt");

    Files.move(out().resolve(MANIFEST), tmp.resolve("real-manifest"));
    Files.createSymbolicLink(out().resolve(MANIFEST), tmp.resolve("real-manifest"));
    assertThat(OwnedFolder.readManifest(out(), MANIFEST)).isEmpty();
  }

  @Test
  void manifest_listsEachFileOnceSortedAfterTheHeader() {
    assertThat(
            new String(
                OwnedFolder.manifest("# h", List.of("b", "a/x", "b")), StandardCharsets.UTF_8))
        .isEqualTo("# h\na/x\nb\n");
  }

  @Test
  void listed_showsTenThenCountsTheRest() {
    TreeSet<String> items =
        IntStream.range(0, 12)
            .mapToObj(i -> "f" + (char) ('a' + i))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(OwnedFolder.listed(items))
        .isEqualTo("fa, fb, fc, fd, fe, ff, fg, fh, fi, fj and 2 more");
    assertThat(OwnedFolder.listed(new TreeSet<>(Set.of("x")))).isEqualTo("x");
  }

  @Test
  void crashBetweenStageAndMove_leavesTheOldOutputWhole_andTheNextRunRemovesTheStaging()
      throws Exception {
    previousRun(Map.of("a.txt", "old a", "iam/p.json", "old p"));
    Map<Path, String> before = contents(out());
    // A run of another process stages its new set beside the folder, then dies before the move.
    Process other = new ProcessBuilder("true").start();
    other.waitFor();
    Path staged = out().resolveSibling(".out." + other.pid() + ".1.tmp");
    Files.createDirectories(staged.resolve("iam"));
    Files.writeString(staged.resolve("a.txt"), "new a");
    Files.writeString(staged.resolve("iam/p.json"), "new p");
    Files.write(staged.resolve(MANIFEST), OwnedFolder.manifest("# test", List.of("a.txt")));
    Path running = OwnedFolder.tempBeside(out()); // this process's: still running, so it stays
    Files.createDirectories(running);

    assertThat(contents(out())).isEqualTo(before);

    OwnedFolder.removeStale(tmp, "out");

    assertThat(staged).doesNotExist();
    assertThat(running).isDirectory();
    assertThat(contents(out())).isEqualTo(before);
  }

  @Test
  void moveFileByFile_replacesTheSet_manifestLast_andRemovesOnlyStaleRegularFiles()
      throws IOException {
    previousRun(Map.of("a.txt", "old a", "gone/b.txt", "old b", "kept.txt", "old k"));
    Path staged = OwnedFolder.tempBeside(out());
    Files.createDirectories(staged);
    Files.writeString(staged.resolve("a.txt"), "new a");
    Files.writeString(staged.resolve("kept.txt"), "new k");
    Files.write(staged.resolve(MANIFEST), OwnedFolder.manifest("# new", List.of("a.txt")));

    OwnedFolder.moveFileByFile(
        staged, out(), List.of("a.txt", "kept.txt"), MANIFEST, List.of("gone/b.txt"), true);

    assertThat(contents(out()))
        .containsOnlyKeys(Path.of("a.txt"), Path.of("kept.txt"), Path.of(MANIFEST))
        .containsEntry(Path.of("a.txt"), "new a")
        .containsEntry(Path.of(MANIFEST), "# new\na.txt\n");
    assertThat(out().resolve("gone")).doesNotExist();
  }

  @Test
  void moveFileByFile_whenAStagedFileIsMissing_namesItAndKeepsThePreviousManifest()
      throws IOException {
    previousRun(Map.of("a.txt", "old a"));
    Path staged = OwnedFolder.tempBeside(out());
    Files.createDirectories(staged);
    Files.write(staged.resolve(MANIFEST), OwnedFolder.manifest("# new", List.of("a.txt")));

    assertThatThrownBy(
            () ->
                OwnedFolder.moveFileByFile(
                    staged, out(), List.of("a.txt"), MANIFEST, List.of(), false))
        .isInstanceOfSatisfying(
            OwnedFolder.MoveFailure.class,
            e -> {
              assertThat(e.file()).isEqualTo("a.txt");
              assertThat(e.moving()).isTrue();
            });
    assertThat(out().resolve("a.txt")).hasContent("old a");
    assertThat(out().resolve(MANIFEST)).hasContent("# test\na.txt");
  }

  @Test
  void replaceWhole_putsTheStagedFolderInPlace_andRemovesTheOldOne() throws IOException {
    previousRun(Map.of("old.txt", "old"));
    Path staged = OwnedFolder.tempBeside(out());
    Files.createDirectories(staged);
    Files.writeString(staged.resolve("new.txt"), "new");

    OwnedFolder.replaceWhole(staged, out());

    assertThat(contents(out())).containsOnlyKeys(Path.of("new.txt"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).containsExactly(out());
    }
  }

  @Test
  void replaceWhole_whenTheStagedFolderCannotMoveIn_keepsTheOldOne() throws IOException {
    previousRun(Map.of("old.txt", "old"));
    Path missing = OwnedFolder.tempBeside(out());

    assertThatThrownBy(() -> OwnedFolder.replaceWhole(missing, out()))
        .isInstanceOf(IOException.class);

    assertThat(contents(out())).containsKey(Path.of("old.txt"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).containsExactly(out());
    }
  }

  @Test
  void deleteTree_removesAFolderButNotWhatALinkInsidePointsTo() throws IOException {
    Path target = Files.writeString(tmp.resolve("keep.txt"), "keep");
    Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
    Files.createSymbolicLink(tree.resolve("link"), target);
    Files.writeString(tree.resolve("f.txt"), "f");

    OwnedFolder.deleteTree(tmp.resolve("tree"));
    OwnedFolder.deleteTree(tmp.resolve("nothing-here"));
    OwnedFolder.deleteTree(null);

    assertThat(tmp.resolve("tree")).doesNotExist();
    assertThat(target).hasContent("keep");
  }

  @Test
  void encode_keysByNormalizedPath_andRejectsAPathOutsideTheFolder() {
    assertThat(OwnedFolder.encode(out(), Map.of("./iam/../a.txt", "a")).keySet())
        .containsExactly("a.txt");
    assertThatThrownBy(() -> OwnedFolder.encode(out(), Map.of("../x", "x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("file outside the output folder: ../x");
  }

  @Test
  void realPath_resolvesLinksInTheExistingPart() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Files.createSymbolicLink(tmp.resolve("link"), real);

    assertThat(OwnedFolder.realPath(tmp.resolve("link/not/yet")))
        .isEqualTo(real.toRealPath().resolve("not/yet"));
  }

  private static Map<Path, String> contents(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .collect(
              Collectors.toMap(
                  root::relativize,
                  p -> {
                    try {
                      return Files.readString(p);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
    }
  }
}
