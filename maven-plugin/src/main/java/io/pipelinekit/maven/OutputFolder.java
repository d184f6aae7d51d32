package io.pipelinekit.maven;

import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Writes the goals' output without leaving half-written files: everything is first written into a
 * hidden staging folder beside the output folder, then each file is renamed into place (one step
 * per file; a new output folder is one rename). An existing file is replaced only when it is a
 * regular file: a symbolic link, FIFO, device or folder in the way fails the goal before anything
 * is written. {@value #MANIFEST} lists the files the last build wrote, so that a file it wrote and
 * this build no longer does (a renamed CodeBuild project) is removed.
 */
final class OutputFolder {
  /** The files the last {@code pipeline:build} wrote into the folder, one per line. */
  static final String MANIFEST = ".pipelinekit-output";

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private OutputFolder() {}

  /** Writes every file (relative path → text) into {@code dir}; returns the files written. */
  static List<Path> writeAll(Path dir, Map<String, String> files) throws MojoFailureException {
    Path root = dir.toAbsolutePath().normalize();
    Map<String, byte[]> bytes = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IllegalStateException("file outside the output folder: " + file.getKey());
      }
      bytes.put(slashes(root.relativize(target)), file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder manifest =
        new StringBuilder("# Written by pipeline:build; the next build replaces these files.\n");
    bytes.keySet().forEach(f -> manifest.append(f).append('\n'));
    bytes.put(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));

    boolean exists = checkFolder(root);
    List<String> refused = new ArrayList<>();
    for (String file : bytes.keySet()) {
      refused.addAll(inTheWay(root, file));
    }
    if (!refused.isEmpty()) {
      throw new MojoFailureException(
          root
              + ": not written: "
              + String.join(", ", new LinkedHashSet<>(refused))
              + "; only regular files are replaced. Remove these or choose another"
              + " <outputDirectory>");
    }
    Set<String> previous = exists ? previousFiles(root) : Set.of();
    Path staging = staging(root);
    String writing = "";
    try {
      Files.createDirectories(root.getParent());
      Files.createDirectory(staging);
      for (Map.Entry<String, byte[]> file : bytes.entrySet()) {
        writing = file.getKey();
        Path target = staging.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue(), StandardOpenOption.CREATE_NEW);
      }
      if (!exists) {
        writing = "";
        Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
      } else {
        for (String file : bytes.keySet()) {
          if (file.equals(MANIFEST)) {
            continue;
          }
          writing = file;
          Path target = root.resolve(file);
          Files.createDirectories(target.getParent());
          move(staging.resolve(file), target);
        }
        writing = MANIFEST; // last: until it is moved, the previous one still names its files
        move(staging.resolve(MANIFEST), root.resolve(MANIFEST));
        for (String stale : previous) {
          Path old = root.resolve(stale);
          if (!bytes.containsKey(stale) && isRegularFile(old)) {
            writing = stale;
            Files.delete(old);
          }
        }
      }
    } catch (IOException e) {
      throw new MojoFailureException(
          root.resolve(writing) + ": cannot write the file: " + FileProblems.describe(e));
    } finally {
      deleteTree(staging);
    }
    List<Path> written = new ArrayList<>();
    bytes.keySet().stream()
        .filter(f -> !f.equals(MANIFEST))
        .forEach(f -> written.add(root.resolve(f)));
    return written;
  }

  /** Writes one file: a temporary file beside it, then a rename over it. */
  static void write(Path file, String text) throws MojoFailureException {
    Path target = file.toAbsolutePath().normalize();
    List<String> refused = inTheWay(target.getParent(), target.getFileName().toString());
    if (!refused.isEmpty()) {
      throw new MojoFailureException(
          target.getParent()
              + ": not written: "
              + String.join(", ", refused)
              + "; only a regular file is replaced. Remove it or choose another"
              + " <outputDirectory>");
    }
    Path temp = staging(target);
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      move(temp, target);
    } catch (IOException e) {
      throw new MojoFailureException(
          target + ": cannot write the file: " + FileProblems.describe(e));
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // hidden and named after its target; the next run's temporary file has another name
      }
    }
  }

  /** Whether the output folder exists; refuses one that is not a folder. */
  private static boolean checkFolder(Path root) throws MojoFailureException {
    BasicFileAttributes attributes = attributes(root);
    if (attributes == null) {
      return false;
    }
    if (!attributes.isDirectory()) {
      throw new MojoFailureException(
          root + ": " + kind(attributes) + ", not a folder; <outputDirectory> takes a folder");
    }
    return true;
  }

  /** What would be replaced at {@code root/file} (or its folders) that is not ours to replace. */
  private static List<String> inTheWay(Path root, String file) {
    List<String> refused = new ArrayList<>();
    Path p = root;
    String[] parts = file.split("/");
    for (int i = 0; i < parts.length; i++) {
      p = p.resolve(parts[i]);
      BasicFileAttributes attributes = attributes(p);
      if (attributes == null) {
        break;
      }
      boolean last = i == parts.length - 1;
      if (last ? !attributes.isRegularFile() : !attributes.isDirectory()) {
        refused.add(root.relativize(p) + " (" + kind(attributes) + ")");
        break;
      }
    }
    return refused;
  }

  private static Set<String> previousFiles(Path root) throws MojoFailureException {
    Path manifest = root.resolve(MANIFEST);
    Set<String> files = new LinkedHashSet<>();
    if (!isRegularFile(manifest)) {
      return files;
    }
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
      throw new MojoFailureException(
          manifest + ": cannot read the file: " + FileProblems.describe(e));
    }
    return files;
  }

  private static Path staging(Path target) {
    return target.resolveSibling(
        "."
            + target.getFileName()
            + "."
            + ProcessHandle.current().pid()
            + "."
            + System.nanoTime()
            + ".tmp");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean isRegularFile(Path path) {
    BasicFileAttributes attributes = attributes(path);
    return attributes != null && attributes.isRegularFile();
  }

  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (IOException e) {
      return null;
    }
  }

  private static String kind(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (attributes.isDirectory()) {
      return "a folder";
    }
    if (attributes.isRegularFile()) {
      return "a regular file";
    }
    return "a special file such as a FIFO or device";
  }

  private static void deleteTree(Path path) {
    if (attributes(path) == null) {
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
      // best effort: what stays is hidden and named after the output folder
    }
  }

  private static String slashes(Path relative) {
    return relative.toString().replace('\\', '/');
  }
}
