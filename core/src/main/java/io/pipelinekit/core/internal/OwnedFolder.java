package io.pipelinekit.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How our modules write a folder of output without replacing what is not theirs ({@code pipeline
 * build --out}, the plugin's {@code pipeline:build}, {@code run-local}'s artifacts folder): the new
 * set is staged in a hidden folder beside the target ({@link #tempBeside}), then moved into place;
 * a manifest in the folder lists the files the last run wrote, and anything else in the folder — a
 * file it did not write, a folder it did not make, a symbolic link, a FIFO — is refused before
 * anything is written ({@link #notOurs}). Until the move, the previous set stays whole.
 *
 * <p>Only the mechanics are here: each caller names its manifest, says what counts as its own and
 * words its messages (naming its command, goal or option).
 */
public final class OwnedFolder {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** {@code .NAME.PID.NANOS.tmp}: a temporary file or folder for NAME, by process PID. */
  private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)\\.(\\d+)\\.tmp");

  private OwnedFolder() {}

  /**
   * An entry of the folder that is not ours: its path relative to the folder (with {@code /}), and
   * what it is (a folder it did not make is a directory; anything else is reported as found).
   */
  public record Foreign(String path, Path at, BasicFileAttributes attributes) {
    /** Whether this is a folder the caller did not make (its contents were not looked at). */
    public boolean isFolder() {
      return attributes.isDirectory();
    }
  }

  /**
   * Every file (relative path → text) as UTF-8, keyed by its normalized relative path with {@code
   * /}, in order; a path outside {@code root} (or {@code root} itself) is a bug of the caller.
   */
  public static SortedMap<String, byte[]> encode(Path root, Map<String, String> files) {
    SortedMap<String, byte[]> bytes = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IllegalStateException("file outside the output folder: " + file.getKey());
      }
      bytes.put(slashes(root.relativize(target)), file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return bytes;
  }

  /**
   * What in {@code root} is not ours, in the order met: a folder that holds none of {@code files}
   * (not looked into), and a file that {@code ownFile} does not accept (given its relative path and
   * attributes; a symbolic link is not followed).
   */
  public static List<Foreign> notOurs(
      Path root, Collection<String> files, BiPredicate<String, BasicFileAttributes> ownFile)
      throws IOException {
    Set<String> folders = foldersOf(files);
    List<Foreign> found = new ArrayList<>();
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
            found.add(new Foreign(rel, d, attrs));
            return FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            String rel = slashes(root.relativize(f));
            if (!ownFile.test(rel, attrs)) {
              found.add(new Foreign(rel, f, attrs));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  /** The folders that hold {@code files} ({@code a/b/c.txt}: {@code a} and {@code a/b}). */
  public static Set<String> foldersOf(Collection<String> files) {
    Set<String> folders = new HashSet<>();
    for (String file : files) {
      for (int i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) {
        folders.add(file.substring(0, i));
      }
    }
    return folders;
  }

  /** The first ten of {@code items}, joined with commas, then "and N more" for the rest. */
  public static String listed(SortedSet<String> items) {
    List<String> shown = new ArrayList<>(items).subList(0, Math.min(10, items.size()));
    return String.join(", ", shown)
        + (items.size() > shown.size() ? " and " + (items.size() - shown.size()) + " more" : "");
  }

  /**
   * The files the manifest {@code root/name} lists (inside {@code root} only), in its order; none
   * when there is no manifest or it is not a regular file (a link there is not followed).
   */
  public static Set<String> readManifest(Path root, String name) throws IOException {
    Path manifest = root.resolve(name);
    Set<String> files = new LinkedHashSet<>();
    if (!isRegularFile(manifest)) {
      return files;
    }
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Path p = root.resolve(line).normalize();
      if (p.startsWith(root) && !p.equals(root)) {
        files.add(slashes(root.relativize(p)));
      }
    }
    return files;
  }

  /** A manifest's bytes: {@code header}, then each file once, sorted, one per line. */
  public static byte[] manifest(String header, Collection<String> files) {
    StringBuilder text = new StringBuilder(header).append('\n');
    new TreeSet<>(files).forEach(f -> text.append(f).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A unique hidden name beside {@code target}: {@code .NAME.PID.NANOS.tmp}. */
  public static Path tempBeside(Path target) {
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

  /** Whether {@code rel} is a temporary file ({@link #tempBeside}) of one of {@code ours}. */
  public static boolean isTempOf(String rel, Set<String> ours) {
    int slash = rel.lastIndexOf('/');
    Matcher m = TEMP.matcher(rel.substring(slash + 1));
    return m.matches() && ours.contains(rel.substring(0, slash + 1) + m.group(1));
  }

  /**
   * Removes the temporary files and folders of {@code name} in {@code folder} whose process is gone
   * (left by a killed run); those of a running process stay.
   */
  public static void removeStale(Path folder, String name) throws IOException {
    long self = ProcessHandle.current().pid();
    String prefix = "." + name + ".";
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            folder,
            p -> {
              // Most entries of a busy folder (/tmp) are someone else's: no regex for those.
              String file = p.getFileName().toString();
              if (!file.startsWith(prefix) || !file.endsWith(".tmp")) {
                return false;
              }
              Matcher m = TEMP.matcher(file);
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

  /** Renames {@code from} over {@code to} in one step where the file system can. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A step of {@link #moveFileByFile} that failed, and the file it was at. */
  public static final class MoveFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final boolean moving;

    MoveFailure(String file, boolean moving, IOException cause) {
      super(cause);
      this.file = file;
      this.moving = moving;
    }

    /** The file (relative path) being moved in, or the folder or stale file being removed. */
    public String file() {
      return file;
    }

    /** Whether the rename of {@link #file} itself failed (not making its folder, nor a removal). */
    public boolean moving() {
      return moving;
    }

    /** What the file system said. */
    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /**
   * Moves each staged file over its old one in {@code root} (each move is one step, the set is
   * not), the manifest last (until it is moved, the previous one still names its files); then
   * removes {@code stale} (files the previous run wrote and this one does not), only where they are
   * still regular files, and with {@code pruneEmptyFolders} the folders they leave empty.
   */
  public static void moveFileByFile(
      Path staged,
      Path root,
      Collection<String> files,
      String manifest,
      Collection<String> stale,
      boolean pruneEmptyFolders)
      throws MoveFailure {
    List<String> order = new ArrayList<>(files);
    order.add(manifest);
    for (String file : order) {
      Path target = root.resolve(file);
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw new MoveFailure(file, false, e);
      }
      try {
        move(staged.resolve(file), target);
      } catch (IOException e) {
        throw new MoveFailure(file, true, e);
      }
    }
    for (String file : stale) {
      Path old = root.resolve(file);
      if (!isRegularFile(old)) {
        continue;
      }
      try {
        Files.delete(old);
        if (pruneEmptyFolders) {
          for (Path f = old.getParent(); !f.equals(root) && isEmptyFolder(f); f = f.getParent()) {
            Files.delete(f);
          }
        }
      } catch (IOException e) {
        throw new MoveFailure(file, false, e);
      }
    }
  }

  /**
   * Puts the folder {@code staged} in the place of {@code folder} (made or replaced as a whole):
   * the old folder is renamed aside, the staged one renamed in, then the old one removed. When the
   * staged folder cannot be moved in, the old one is put back: one of the two sets always stays.
   */
  public static void replaceWhole(Path staged, Path folder) throws IOException {
    Files.createDirectories(folder.getParent());
    Path old = null;
    if (attributes(folder) != null) {
      old = folder.resolveSibling(staged.getFileName() + ".old");
      Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        try {
          Files.move(old, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
    deleteTree(old);
  }

  /** The attributes of {@code path} itself (a link is not followed); null when nothing is there. */
  public static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether {@code path} itself is a regular file (a link to one is not). */
  public static boolean isRegularFile(Path path) {
    BasicFileAttributes attributes = attributes(path);
    return attributes != null && attributes.isRegularFile();
  }

  /** Whether {@code attributes} are of neither a link, a folder nor a regular file. */
  public static boolean isSpecial(BasicFileAttributes attributes) {
    return !attributes.isSymbolicLink() && !attributes.isDirectory() && !attributes.isRegularFile();
  }

  /** "is a symbolic link", "is a FIFO (named pipe)", …: what is at {@code path}. */
  public static String kind(Path path, BasicFileAttributes attributes) {
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

  /**
   * {@code p} with its links resolved as far as it exists: the real path of its longest existing
   * part, then the rest as named.
   */
  public static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      Path parent = p.getParent();
      return parent == null ? p : realPath(parent).resolve(p.getFileName());
    }
  }

  /** Removes a file or a folder tree, links not followed; best effort, nothing there is fine. */
  public static void deleteTree(Path path) {
    if (path == null || attributes(path) == null) {
      return;
    }
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
      // best effort: what stays is hidden, named after its target, and removed by a later run
    }
  }

  /** A relative path with {@code /} between its names. */
  public static String slashes(Path relative) {
    return relative.toString().replace('\\', '/');
  }

  private static boolean isEmptyFolder(Path folder) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      return !entries.iterator().hasNext();
    }
  }
}
