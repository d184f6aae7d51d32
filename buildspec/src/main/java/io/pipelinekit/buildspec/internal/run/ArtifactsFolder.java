package io.pipelinekit.buildspec.internal.run;

import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The artifacts folder, written the way {@code pipeline build --out} writes its folder: never
 * replacing what is not ours. Before the build runs, the folder must be missing, empty, or hold
 * only what an earlier run wrote (listed in {@value #MANIFEST}); anything else stops the run before
 * a command runs. The new set is staged in a hidden folder beside it and then moved into place, so
 * a failed copy leaves the previous set as it was.
 */
public final class ArtifactsFolder {
  /** In the artifacts folder: the files the last run wrote there, one per line. */
  public static final String MANIFEST = ".pipelinekit-run-local";

  private static final String HEADER =
      "# Written by pipeline run-local: the files it owns in this folder (the next run replaces them).";

  private final Path folder;
  private final Path staged;
  private final Path displayName;

  private ArtifactsFolder(Path folder, Path displayName) {
    this.folder = folder;
    this.displayName = displayName;
    this.staged =
        folder.resolveSibling(
            "."
                + folder.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "."
                + System.nanoTime()
                + ".tmp");
  }

  /** Checks {@code dir} is ours to replace; throws {@link BuildSpecException} (exit 2) if not. */
  public static ArtifactsFolder check(Path dir) {
    Path folder = dir.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(folder)) {
      throw new BuildSpecException(
          dir + ": is a symbolic link; --artifacts-dir takes a folder of its own");
    }
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        throw new BuildSpecException(
            dir + ": is not a folder; --artifacts-dir takes a folder (it is replaced by each run)");
      }
      Set<String> owned = readManifest(folder);
      Set<String> folders = new HashSet<>();
      for (String file : owned) {
        for (int i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) {
          folders.add(file.substring(0, i));
        }
      }
      Set<String> refused = new TreeSet<>();
      try {
        Files.walkFileTree(
            folder,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (d.equals(folder)) {
                  return FileVisitResult.CONTINUE;
                }
                String rel = FileSelection.slashes(folder.relativize(d));
                if (folders.contains(rel)) {
                  return FileVisitResult.CONTINUE;
                }
                refused.add(rel + "/");
                return FileVisitResult.SKIP_SUBTREE;
              }

              @Override
              public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String rel = FileSelection.slashes(folder.relativize(f));
                if (!rel.equals(MANIFEST) && (!attrs.isRegularFile() || !owned.contains(rel))) {
                  refused.add(rel);
                }
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        throw new BuildSpecException(dir + ": cannot read: " + FileProblems.describe(e), e);
      }
      if (!refused.isEmpty()) {
        List<String> shown = new ArrayList<>(refused).subList(0, Math.min(10, refused.size()));
        throw new BuildSpecException(
            dir
                + ": holds what run-local did not write: "
                + String.join(", ", shown)
                + (refused.size() > shown.size()
                    ? " and " + (refused.size() - shown.size()) + " more"
                    : "")
                + "; nothing was run. The artifacts folder is replaced by each run: empty it or"
                + " choose another --artifacts-dir");
      }
    }
    return new ArtifactsFolder(folder, dir);
  }

  /** The folder (absolute) and its staging folder: both are left out of the files picked. */
  public Set<Path> paths() {
    Set<Path> out = new HashSet<>();
    out.add(real(folder));
    out.add(real(folder.getParent()).resolve(staged.getFileName()));
    return out;
  }

  /** The folder as the user named it, for messages. */
  public Path displayName() {
    return displayName;
  }

  /** The staging folder, created on first use. */
  public Path staging() {
    try {
      Files.createDirectories(staged);
      return staged;
    } catch (IOException e) {
      throw new BuildSpecException(
          displayName + ": cannot create the artifacts folder: " + FileProblems.describe(e), e);
    }
  }

  /** Copies one file into the staging folder at {@code target}. */
  public void copy(Path source, String target) {
    Path to = staging().resolve(target).normalize();
    if (!to.startsWith(staged)) {
      throw new BuildSpecException("artifact path outside the artifacts folder: " + target);
    }
    try {
      Files.createDirectories(to.getParent());
      Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the manifest and puts the staged set in the folder's place. */
  public void commit(List<String> files) {
    Path old = null;
    try {
      StringBuilder manifest = new StringBuilder(HEADER).append('\n');
      new TreeSet<>(files).forEach(f -> manifest.append(f).append('\n'));
      Files.writeString(staging().resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
      Files.createDirectories(folder.getParent());
      if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        old = folder.resolveSibling(staged.getFileName() + ".old");
        Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BuildSpecException(
          displayName + ": cannot write the artifacts: " + FileProblems.describe(e), e);
    } finally {
      deleteTree(old);
      discard();
    }
  }

  /** Removes the staging folder (after a failed copy: the previous set stays). */
  public void discard() {
    deleteTree(staged);
  }

  private static Set<String> readManifest(Path folder) {
    Path manifest = folder.resolve(MANIFEST);
    Set<String> files = new HashSet<>();
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    try {
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          Path p = folder.resolve(line).normalize();
          if (p.startsWith(folder) && !p.equals(folder)) {
            files.add(FileSelection.slashes(folder.relativize(p)));
          }
        }
      }
    } catch (IOException e) {
      throw new BuildSpecException(
          folder.resolve(MANIFEST) + ": cannot read: " + FileProblems.describe(e), e);
    }
    return files;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      Path parent = p.getParent();
      return parent == null ? p : real(parent).resolve(p.getFileName());
    }
  }

  private static void deleteTree(Path path) {
    if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
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
      // best effort: a hidden folder named after the artifacts folder stays
    }
  }
}
