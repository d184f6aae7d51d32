package io.pipelinekit.maven;

import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.internal.OwnedFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private static final String MANIFEST_HEADER =
      "# Written by pipeline:build; the next build replaces these files.";

  private OutputFolder() {}

  /** Writes every file (relative path → text) into {@code dir}; returns the files written. */
  static List<Path> writeAll(Path dir, Map<String, String> files) throws MojoFailureException {
    Path root = dir.toAbsolutePath().normalize();
    Map<String, byte[]> bytes = OwnedFolder.encode(root, files);
    bytes.put(MANIFEST, OwnedFolder.manifest(MANIFEST_HEADER, bytes.keySet()));

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
    Path staging = OwnedFolder.tempBeside(root);
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
        Set<String> stale = new LinkedHashSet<>(previous);
        stale.removeAll(bytes.keySet());
        Set<String> moved = new LinkedHashSet<>(bytes.keySet());
        moved.remove(MANIFEST);
        OwnedFolder.moveFileByFile(staging, root, moved, MANIFEST, stale, true);
      }
    } catch (OwnedFolder.MoveFailure e) {
      throw new MojoFailureException(
          root.resolve(e.file())
              + ": cannot write the file: "
              + FileProblems.describe(e.getCause()));
    } catch (IOException e) {
      throw new MojoFailureException(
          root.resolve(writing) + ": cannot write the file: " + FileProblems.describe(e));
    } finally {
      OwnedFolder.deleteTree(staging);
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
    Path temp = OwnedFolder.tempBeside(target);
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      OwnedFolder.move(temp, target);
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
    BasicFileAttributes attributes = OwnedFolder.attributes(root);
    if (attributes == null) {
      return false;
    }
    if (!attributes.isDirectory()) {
      throw new MojoFailureException(
          root
              + ": "
              + kind(root, attributes)
              + ", not a folder; <outputDirectory> takes a folder");
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
      BasicFileAttributes attributes = OwnedFolder.attributes(p);
      if (attributes == null) {
        break;
      }
      boolean last = i == parts.length - 1;
      if (last ? !attributes.isRegularFile() : !attributes.isDirectory()) {
        refused.add(root.relativize(p) + " (" + kind(p, attributes) + ")");
        break;
      }
    }
    return refused;
  }

  private static Set<String> previousFiles(Path root) throws MojoFailureException {
    try {
      return OwnedFolder.readManifest(root, MANIFEST);
    } catch (IOException e) {
      throw new MojoFailureException(
          root.resolve(MANIFEST) + ": cannot read the file: " + FileProblems.describe(e));
    }
  }

  /** "a symbolic link", "a folder", …: what is at {@code path}. */
  private static String kind(Path path, BasicFileAttributes attributes) {
    return OwnedFolder.isSpecial(attributes)
        ? "a special file such as a FIFO or device"
        : OwnedFolder.kind(path, attributes).substring("is ".length());
  }
}
