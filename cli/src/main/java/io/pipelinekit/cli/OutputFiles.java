package io.pipelinekit.cli;

import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** {@code .NAME.PID.NANOS.tmp}: a temporary file or folder for NAME, by process PID. */
  private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)\\.(\\d+)\\.tmp");

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
    BasicFileAttributes existing = attributes(absolute);
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
      removeStale(folder, absolute.getFileName().toString());
      temp = tempBeside(absolute);
      writeFile(temp, bytes, mode);
      move(temp, absolute);
      written = true;
    } catch (IOException e) {
      throw cannotWrite(target, e);
    } finally {
      if (!written) {
        if (temp != null) {
          deleteTree(temp);
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
    Map<String, byte[]> bytes = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IllegalStateException("file outside the output folder: " + file.getKey());
      }
      bytes.put(slashes(root.relativize(target)), file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    boolean exists = attributes(root) != null;
    Set<String> previous = exists ? checkOwned(dir, root, bytes.keySet()) : Set.of();
    Path parent = root.getParent();
    List<Path> created = new ArrayList<>();
    Path staged = null;
    Path writing = dir;
    boolean switched = false;
    try {
      createFolders(parent, created);
      removeStale(parent, root.getFileName().toString());
      staged = tempBeside(root);
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
      writeFile(staged.resolve(MANIFEST), manifest(bytes.keySet()), null);
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
        deleteTree(staged);
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
    BasicFileAttributes attributes = attributes(root);
    try {
      if (attributes != null && attributes.isSymbolicLink()) {
        if (!Files.isDirectory(root)) {
          throw CliException.invalidInput(
              dir + ": is a symbolic link to something that is not a folder; --out takes a folder");
        }
        root = root.toRealPath();
        attributes = attributes(root);
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
    Set<String> folders = new HashSet<>();
    for (String file : ours) {
      for (int i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) {
        folders.add(file.substring(0, i));
      }
    }
    Set<String> refused = new TreeSet<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              if (d.equals(root)) {
                return FileVisitResult.CONTINUE;
              }
              String rel = slashes(root.relativize(d));
              if (folders.contains(rel)) {
                return FileVisitResult.CONTINUE;
              }
              refused.add(rel + "/ (a folder it did not make)");
              return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              String rel = slashes(root.relativize(f));
              if (!attrs.isRegularFile()) {
                refused.add(rel + " (" + kind(f, attrs).substring("is ".length()) + ")");
              } else if (!ours.contains(rel) && !isTempOf(rel, ours)) {
                refused.add(rel);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw cannotWrite(dir, e);
    }
    if (!refused.isEmpty()) {
      List<String> shown = new ArrayList<>(refused).subList(0, Math.min(10, refused.size()));
      throw CliException.invalidInput(
          dir
              + ": not replaced: it holds what pipeline build did not write: "
              + String.join(", ", shown)
              + (refused.size() > shown.size()
                  ? " and " + (refused.size() - shown.size()) + " more"
                  : "")
              + ". --out replaces the whole folder: move these elsewhere or choose another --out");
    }
    return previous;
  }

  /** The previous build's files, from its manifest in {@code root} (none when there is none). */
  private static Set<String> readManifest(Path dir, Path root) {
    Path manifest = root.resolve(MANIFEST);
    BasicFileAttributes attributes = attributes(manifest);
    if (attributes == null || !attributes.isRegularFile()) {
      return Set.of(); // a link or other special file there is refused by checkOwned
    }
    Set<String> files = new HashSet<>();
    try {
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Path p = root.resolve(line).normalize();
        if (p.startsWith(root) && !p.equals(root)) {
          files.add(slashes(root.relativize(p)));
        }
      }
    } catch (IOException e) {
      throw cannotWrite(dir.resolve(MANIFEST), e);
    }
    return files;
  }

  private static byte[] manifest(Set<String> files) {
    StringBuilder text = new StringBuilder(MANIFEST_HEADER).append('\n');
    files.forEach(f -> text.append(f).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code rel} is a temporary file of one of {@code ours} (left by a killed run). */
  private static boolean isTempOf(String rel, Set<String> ours) {
    int slash = rel.lastIndexOf('/');
    Matcher m = TEMP.matcher(rel.substring(slash + 1));
    return m.matches() && ours.contains(rel.substring(0, slash + 1) + m.group(1));
  }

  /**
   * Where two folders cannot be exchanged: moves each new file over the old one (each move is one
   * step, the set is not), then drops what only the previous build wrote.
   */
  private static void moveFileByFile(
      Path dir, Path staged, Path root, Set<String> files, Set<String> previous)
      throws IOException {
    List<String> order = new ArrayList<>(files);
    order.add(MANIFEST); // last: until it is moved, the previous manifest still names its files
    for (String file : order) {
      Path target = root.resolve(file);
      Files.createDirectories(target.getParent());
      try {
        move(staged.resolve(file), target);
      } catch (IOException e) {
        throw cannotWrite(dir.resolve(file), e);
      }
    }
    for (String file : previous) {
      if (!files.contains(file)) {
        Path stale = root.resolve(file);
        BasicFileAttributes attributes = attributes(stale);
        if (attributes != null && attributes.isRegularFile()) {
          Files.delete(stale);
          for (Path f = stale.getParent(); !f.equals(root) && isEmptyFolder(f); f = f.getParent()) {
            Files.delete(f);
          }
        }
      }
    }
  }

  private static boolean isEmptyFolder(Path folder) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      return !entries.iterator().hasNext();
    }
  }

  /** Removes {@code .NAME.PID.*.tmp} in {@code folder} whose process is gone (a killed run). */
  private static void removeStale(Path folder, String name) throws IOException {
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            folder,
            p -> {
              Matcher m = TEMP.matcher(p.getFileName().toString());
              return m.matches() && m.group(1).equals(name);
            })) {
      for (Path entry : entries) {
        Matcher m = TEMP.matcher(entry.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid != self && ProcessHandle.of(pid).isEmpty()) {
          deleteTree(entry);
        }
      }
    }
  }

  /** A unique hidden name beside {@code target}: {@code .NAME.PID.NANOS.tmp}. */
  private static Path tempBeside(Path target) {
    // Not Files.createTempFile: its SecureRandom costs start-up time that a short command feels.
    return target.resolveSibling(
        "."
            + target.getFileName()
            + "."
            + ProcessHandle.current().pid()
            + "."
            + System.nanoTime()
            + ".tmp");
  }

  /** A new file; {@code mode} null: the umask's permissions. */
  private static void writeFile(Path file, byte[] bytes, Set<PosixFilePermission> mode)
      throws IOException {
    Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (mode != null) {
      Files.setPosixFilePermissions(file, mode);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** An existing regular file's permission bits; null when none or not POSIX. */
  private static Set<PosixFilePermission> posixPermissions(Path path) {
    BasicFileAttributes attributes = attributes(path);
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

  /** The attributes of {@code path} itself (a link is not followed); null when nothing is there. */
  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (IOException e) {
      return null;
    }
  }

  /** "is a symbolic link", "is a FIFO (named pipe)", …: what is at {@code path}. */
  static String kind(Path path, BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "is a symbolic link";
    }
    if (attributes.isDirectory()) {
      return "is a folder";
    }
    if (attributes.isRegularFile()) {
      return "is a regular file";
    }
    try {
      int type = (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW) & 0170000;
      switch (type) {
        case 0010000:
          return "is a FIFO (named pipe)";
        case 0020000:
          return "is a character device";
        case 0060000:
          return "is a block device";
        case 0140000:
          return "is a socket";
        default:
          break;
      }
    } catch (IOException | RuntimeException e) {
      // not a Unix file system: the general word below
    }
    return "is a special file";
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

  /** Removes a file or a folder tree, links not followed; best effort. */
  private static void deleteTree(Path path) {
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // best effort: what stays is hidden, named after its target, and removed by the next run
    }
  }

  private static String slashes(Path relative) {
    return relative.toString().replace('\\', '/');
  }

  private static CliException cannotWrite(Path target, IOException e) {
    return CliException.invalidInput(
        target
            + ": cannot write the file: "
            + FileProblems.describe(e)
            + "; check the folder and its permissions");
  }
}
