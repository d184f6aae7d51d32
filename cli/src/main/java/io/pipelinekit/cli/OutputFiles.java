package io.pipelinekit.cli;

import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.internal.OwnedFolder;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Writes what the commands produce, never replacing what is not theirs.
 *
 * <p>One file ({@code -o FILE}): written to a temporary file beside it, then renamed over it. An
 * existing target must be a regular file (a symbolic link, FIFO, device or folder is refused: the
 * rename would replace it); its permission bits are kept, a new file gets the umask's.
 *
 * <p>A set of files ({@code build --out DIR}): the whole set is written into a fresh hidden folder
 * beside {@code DIR}, which then takes {@code DIR}'s place in one step (Linux: an exchange of the
 * two folders; a new {@code DIR}: one rename), so a reader — or a process killed at any moment —
 * sees the complete old set or the complete new set. {@code DIR} stays a plain folder. It holds
 * exactly the new set plus {@value #MANIFEST} (the list of files this build wrote): a file the
 * previous build wrote and this one does not is dropped; anything else in {@code DIR} is refused
 * before anything is written. Temporary files and folders left by a killed run (named after their
 * target, with the process id) are removed by the next run.
 */
final class OutputFiles {
  /** In a {@code build --out} folder: the files the last build wrote there, one per line. */
  static final String MANIFEST = ".pipelinekit-output";

  private static final String MANIFEST_HEADER =
      "# Written by pipeline build: the files it owns in this folder (the next build replaces them).";

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private OutputFiles() {}

  /** Whether {@code -o} names standard output ({@code -o -}). */
  static boolean isStandardOutput(Path output) {
    return output != null && output.toString().equals("-");
  }

  /** An empty path ({@code --out ''}) is a usage error, not the current folder. */
  static void requireNotEmpty(CommandSpec spec, String option, Path path) {
    if (path != null && path.toString().isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          option + " is empty; name a " + (option.equals("--out") ? "folder" : "file or '-'"));
    }
  }

  /**
   * Writes one file: a temporary file beside it, then a rename. Refuses an existing target that is
   * not a regular file; keeps an existing file's permission bits.
   */
  static void write(Path target, byte[] bytes) {
    Path absolute = target.toAbsolutePath().normalize();
    BasicFileAttributes existing = OwnedFolder.attributes(absolute);
    Set<PosixFilePermission> mode = null;
    if (existing != null) {
      if (!existing.isRegularFile()) {
        throw CliException.invalidInput(
            target
                + ": "
                + kind(absolute, existing)
                + ", not a regular file; -o replaces only a regular file (the rename would"
                + " replace what is there): remove it or choose another path ('-o -' writes to"
                + " standard output)");
      }
      mode = posixPermissions(absolute);
    }
    Path folder = absolute.getParent();
    List<Path> created = new ArrayList<>();
    Path temp = null;
    boolean written = false;
    try {
      createFolders(folder, created);
      OwnedFolder.removeStale(folder, absolute.getFileName().toString());
      temp = OwnedFolder.tempBeside(absolute);
      writeFile(temp, bytes, mode);
      OwnedFolder.move(temp, absolute);
      written = true;
    } catch (IOException e) {
      throw cannotWrite(target, e);
    } finally {
      if (!written) {
        if (temp != null) {
          OwnedFolder.deleteTree(temp);
        }
        deleteFolders(created);
      }
    }
  }

  /**
   * Called before the set is rendered: when {@code dir} is a folder already (so it will be
   * exchanged), starts loading the exchange meanwhile.
   */
  static void prepareToReplace(Path dir) {
    if (Files.isDirectory(dir)) {
      FolderSwap.preload();
    }
  }

  /** Writes every file (relative path → text) as the whole content of {@code dir}. */
  static void writeAll(Path dir, Map<String, String> files) {
    writeAll(dir, files, FolderSwap::platform);
  }

  /** As {@link #writeAll(Path, Map)}, with the way two folders are exchanged (tests). */
  static void writeAll(Path dir, Map<String, String> files, Supplier<FolderSwap> swaps) {
    Path root = outputFolder(dir);
    Map<String, byte[]> bytes = OwnedFolder.encode(root, files);
    boolean exists = OwnedFolder.attributes(root) != null;
    Set<String> previous = exists ? checkOwned(dir, root, bytes.keySet()) : Set.of();
    Path parent = root.getParent();
    List<Path> created = new ArrayList<>();
    Path staged = null;
    Path writing = dir;
    boolean switched = false;
    try {
      createFolders(parent, created);
      OwnedFolder.removeStale(parent, root.getFileName().toString());
      staged = OwnedFolder.tempBeside(root);
      Files.createDirectory(staged);
      if (exists) {
        Set<PosixFilePermission> mode = posixPermissions(root);
        if (mode != null) {
          Files.setPosixFilePermissions(staged, mode);
        }
      }
      for (Map.Entry<String, byte[]> file : bytes.entrySet()) {
        writing = dir.resolve(file.getKey());
        Path target = staged.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Path old = root.resolve(file.getKey());
        writeFile(target, file.getValue(), exists ? posixPermissions(old) : null);
      }
      writing = dir.resolve(MANIFEST);
      writeFile(
          staged.resolve(MANIFEST), OwnedFolder.manifest(MANIFEST_HEADER, bytes.keySet()), null);
      writing = dir;
      if (!exists) {
        // rename(2) of a folder to a name that does not exist: one step.
        Files.move(staged, root, StandardCopyOption.ATOMIC_MOVE);
        staged = null;
      } else if (!swaps.get().exchange(staged, root)) {
        moveFileByFile(dir, staged, root, bytes.keySet(), previous);
      }
      // else: staged now holds the previous set, removed below
      switched = true;
    } catch (IOException e) {
      throw cannotWrite(writing, e);
    } finally {
      if (staged != null) {
        OwnedFolder.deleteTree(staged);
      }
      if (!switched) {
        deleteFolders(created);
      }
    }
  }

  /**
   * The folder to replace: {@code dir}, or the folder a symbolic link at {@code dir} points to (a
   * link the user made to put the output elsewhere). Refuses anything that is not a folder, and the
   * current folder or one holding it.
   */
  private static Path outputFolder(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    BasicFileAttributes attributes = OwnedFolder.attributes(root);
    try {
      if (attributes != null && attributes.isSymbolicLink()) {
        if (!Files.isDirectory(root)) {
          throw CliException.invalidInput(
              dir + ": is a symbolic link to something that is not a folder; --out takes a folder");
        }
        root = root.toRealPath();
        attributes = OwnedFolder.attributes(root);
      }
      if (attributes != null && !attributes.isDirectory()) {
        throw CliException.invalidInput(
            dir
                + ": "
                + kind(root, attributes)
                + ", not a folder; --out takes a folder and writes the files inside it");
      }
      if (attributes != null && Path.of("").toAbsolutePath().toRealPath().startsWith(root)) {
        throw CliException.invalidInput(
            dir
                + ": is the current folder or holds it; --out replaces the whole folder, so name"
                + " one for the output only, e.g. build/pipeline");
      }
    } catch (IOException e) {
      throw cannotWrite(dir, e);
    }
    return root;
  }

  /**
   * Checks that everything in the existing {@code root} is this build's to replace: a file it
   * writes now, one the previous build wrote (its manifest), the folders they are in, and temporary
   * files of those. Returns the previous build's files.
   */
  private static Set<String> checkOwned(Path dir, Path root, Set<String> writing) {
    Set<String> previous = readManifest(dir, root);
    Set<String> ours = new HashSet<>(writing);
    ours.addAll(previous);
    ours.add(MANIFEST);
    SortedSet<String> refused = new TreeSet<>();
    try {
      for (OwnedFolder.Foreign found :
          OwnedFolder.notOurs(
              root,
              ours,
              (rel, attrs) ->
                  attrs.isRegularFile()
                      && (ours.contains(rel) || OwnedFolder.isTempOf(rel, ours)))) {
        if (found.isFolder()) {
          refused.add(found.path() + "/ (a folder it did not make)");
        } else if (!found.attributes().isRegularFile()) {
          refused.add(
              found.path()
                  + " ("
                  + kind(found.at(), found.attributes()).substring("is ".length())
                  + ")");
        } else {
          refused.add(found.path());
        }
      }
    } catch (IOException e) {
      throw cannotWrite(dir, e);
    }
    if (!refused.isEmpty()) {
      throw CliException.invalidInput(
          dir
              + ": not replaced: it holds what pipeline build did not write: "
              + OwnedFolder.listed(refused)
              + ". --out replaces the whole folder: move these elsewhere or choose another --out");
    }
    return previous;
  }

  /** The previous build's files, from its manifest in {@code root} (none when there is none). */
  private static Set<String> readManifest(Path dir, Path root) {
    try {
      // a link or other special file there is refused by checkOwned
      return OwnedFolder.readManifest(root, MANIFEST);
    } catch (IOException e) {
      throw cannotWrite(dir.resolve(MANIFEST), e);
    }
  }

  /**
   * Where two folders cannot be exchanged: moves each new file over the old one (each move is one
   * step, the set is not), then drops what only the previous build wrote.
   */
  private static void moveFileByFile(
      Path dir, Path staged, Path root, Set<String> files, Set<String> previous) {
    Set<String> stale = new LinkedHashSet<>(previous);
    stale.removeAll(files);
    try {
      OwnedFolder.moveFileByFile(staged, root, files, MANIFEST, stale, true);
    } catch (OwnedFolder.MoveFailure e) {
      throw cannotWrite(e.moving() ? dir.resolve(e.file()) : dir, e.getCause());
    }
  }

  /** A new file; {@code mode} null: the umask's permissions. */
  private static void writeFile(Path file, byte[] bytes, Set<PosixFilePermission> mode)
      throws IOException {
    Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (mode != null) {
      Files.setPosixFilePermissions(file, mode);
    }
  }

  /** An existing regular file's permission bits; null when none or not POSIX. */
  private static Set<PosixFilePermission> posixPermissions(Path path) {
    BasicFileAttributes attributes = OwnedFolder.attributes(path);
    if (attributes == null
        || attributes.isSymbolicLink()
        || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return null;
    }
    try {
      return Files.getPosixFilePermissions(path, NOFOLLOW);
    } catch (IOException e) {
      return null; // gone meanwhile: a new file
    }
  }

  /** "is a symbolic link", "is a FIFO (named pipe)", …: what is at {@code path}. */
  static String kind(Path path, BasicFileAttributes attributes) {
    return OwnedFolder.kind(path, attributes);
  }

  /** Creates the missing folders of {@code folder}, remembering them (outermost first). */
  private static void createFolders(Path folder, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    Files.createDirectories(folder);
    created.addAll(missing);
  }

  private static void deleteFolders(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException ignored) {
        // a folder that is not empty holds something else and stays
      }
    }
  }

  private static CliException cannotWrite(Path target, IOException e) {
    return CliException.invalidInput(
        target
            + ": cannot write the file: "
            + FileProblems.describe(e)
            + "; check the folder and its permissions");
  }
}
