package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JNA's native library is copied into the tool's cache once, not unpacked into a new temporary file
 * on every {@code build} (a {@code SecureRandom} seeded, a file written and deleted each time), and
 * a copy that another user could have written is never loaded.
 */
class JnaDispatchCacheTest {
  @TempDir Path tmp;

  @Test
  void folderExchange_loadsJnasLibraryFromTheToolCache_copyingItOnce() throws Exception {
    assertThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).startsWith("linux");
    Path cache = tmp.resolve("cache");
    Path jnaTemp = Files.createDirectories(tmp.resolve("jna-temp"));

    List<String> first = exchangeInNewJvm(cache, jnaTemp);
    Path library = JnaDispatchCache.libraryIn(cache.resolve("pipelinekit").resolve(version()));
    assertThat(first).containsExactly("exchanged", library.toString());
    Object inode = Files.getAttribute(library, "unix:ino");
    FileTime written = Files.getLastModifiedTime(library);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent())))
        .isEqualTo("rwx------");

    List<String> second = exchangeInNewJvm(cache, jnaTemp);
    assertThat(second).containsExactly("exchanged", library.toString());
    assertThat(Files.getAttribute(library, "unix:ino")).isEqualTo(inode);
    assertThat(Files.getLastModifiedTime(library)).isEqualTo(written);
    try (var leftovers = Files.list(jnaTemp)) {
      assertThat(leftovers).as("JNA's own unpacking").isEmpty();
    }
  }

  @Test
  void aCachedLibraryOthersMayWrite_isNotLoaded_andJnaUnpacksItsOwn() throws Exception {
    Path cache = tmp.resolve("cache");
    Path library = JnaDispatchCache.libraryIn(cache.resolve("pipelinekit").resolve(version()));
    Files.createDirectories(library.getParent());
    Files.writeString(library, "not a library");
    Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwxrw-rw-"));

    List<String> lines = exchangeInNewJvm(cache, Files.createDirectories(tmp.resolve("jna-temp")));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("exchanged");
    assertThat(lines.get(1)).isNotEqualTo(library.toString()).doesNotStartWith(cache.toString());
    assertThat(Files.readString(library)).as("left as it was").isEqualTo("not a library");
  }

  @Test
  void prepare_refusesAFolderOthersMayWrite() throws Exception {
    Path cache = tmp.resolve("v");
    Path folder = JnaDispatchCache.libraryIn(cache).getParent();
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(JnaDispatchCache.prepare(cache, getClass().getClassLoader())).isNull();
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void prepare_refusesALinkInPlaceOfTheLibrary() throws Exception {
    Path cache = tmp.resolve("v");
    Path library = JnaDispatchCache.prepare(cache, getClass().getClassLoader());
    assertThat(library).isNotNull().isRegularFile();
    Path elsewhere = Files.move(library, tmp.resolve("elsewhere.so"));
    Files.createSymbolicLink(library, elsewhere);

    assertThat(JnaDispatchCache.prepare(cache, getClass().getClassLoader())).isNull();
  }

  @Test
  void prepare_copiesJnasLibraryOnce_readableAndWritableByItsOwnerOnly() throws Exception {
    Path cache = tmp.resolve("v");
    Path library = JnaDispatchCache.prepare(cache, getClass().getClassLoader());
    assertThat(library).isEqualTo(JnaDispatchCache.libraryIn(cache));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library)))
        .isEqualTo("r-x------");
    byte[] jnas;
    try (var in =
        getClass()
            .getClassLoader()
            .getResourceAsStream(
                "com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/libjnidispatch.so")) {
      jnas = in.readAllBytes();
    }
    assertThat(Files.readAllBytes(library)).isEqualTo(jnas);
    FileTime written = Files.getLastModifiedTime(library);
    Files.setLastModifiedTime(library, FileTime.fromMillis(written.toMillis() - 60_000));
    FileTime backdated = Files.getLastModifiedTime(library);

    assertThat(JnaDispatchCache.prepare(cache, getClass().getClassLoader())).isEqualTo(library);
    assertThat(Files.getLastModifiedTime(library)).as("not written again").isEqualTo(backdated);
    try (var files = Files.list(library.getParent())) {
      assertThat(files).containsExactly(library);
    }
  }

  @Test
  void toolCache_isTheLaunchersFolder() {
    assertThat(JnaDispatchCache.toolCache(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"), "1.2"))
        .isEqualTo(Path.of("/x/pipelinekit/1.2"));
    assertThat(JnaDispatchCache.toolCache(Map.of("XDG_CACHE_HOME", "", "HOME", "/h"), "1.2"))
        .isEqualTo(Path.of("/h/.cache/pipelinekit/1.2"));
    assertThat(JnaDispatchCache.toolCache(Map.of(), "1.2")).isNull();
    assertThat(JnaDispatchCache.toolCache(Map.of("XDG_CACHE_HOME", "rel"), "1.2")).isNull();
  }

  private static String version() {
    return VersionProvider.version();
  }

  /** Lines of {@link Probe}'s output: whether it exchanged two folders, and JNA's library path. */
  private List<String> exchangeInNewJvm(Path cache, Path jnaTemp) throws Exception {
    Path a = Files.createDirectories(Files.createTempDirectory(tmp, "a"));
    Path b = Files.createDirectories(Files.createTempDirectory(tmp, "b"));
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.tmpdir=" + jnaTemp,
                "-cp",
                String.join(File.pathSeparator, RecordingCliLoader.testClassPath()),
                Probe.class.getName(),
                a.toString(),
                b.toString())
            .redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output.strip().lines().toList();
  }

  /** Exchanges the two folders named by the arguments; prints whether it could, and where from. */
  static final class Probe {
    public static void main(String[] args) {
      boolean done = FolderSwap.platform().exchange(Path.of(args[0]), Path.of(args[1]));
      System.out.println(done ? "exchanged" : "not exchanged");
      System.out.println(System.getProperty(JnaDispatchCache.LOADED_PATH));
    }
  }
}
