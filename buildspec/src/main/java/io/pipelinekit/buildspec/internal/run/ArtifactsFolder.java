package io.pipelinekit.buildspec.internal.run;

import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.internal.OwnedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
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
    this.staged = OwnedFolder.tempBeside(folder);
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
      SortedSet<String> refused = new TreeSet<>();
      try {
        for (OwnedFolder.Foreign found :
            OwnedFolder.notOurs(
                folder,
                owned,
                (rel, attrs) ->
                    rel.equals(MANIFEST) || (attrs.isRegularFile() && owned.contains(rel)))) {
          refused.add(found.isFolder() ? found.path() + "/" : found.path());
        }
      } catch (IOException e) {
        throw new BuildSpecException(dir + ": cannot read: " + FileProblems.describe(e), e);
      }
      if (!refused.isEmpty()) {
        throw new BuildSpecException(
            dir
                + ": holds what run-local did not write: "
                + OwnedFolder.listed(refused)
                + "; nothing was run. The artifacts folder is replaced by each run: empty it or"
                + " choose another --artifacts-dir");
      }
    }
    return new ArtifactsFolder(folder, dir);
  }

  /** The folder (absolute) and its staging folder: both are left out of the files picked. */
  public Set<Path> paths() {
    Set<Path> out = new HashSet<>();
    out.add(OwnedFolder.realPath(folder));
    out.add(OwnedFolder.realPath(folder.getParent()).resolve(staged.getFileName()));
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
    try {
      Files.write(staging().resolve(MANIFEST), OwnedFolder.manifest(HEADER, files));
      OwnedFolder.replaceWhole(staged, folder);
    } catch (IOException e) {
      throw new BuildSpecException(
          displayName + ": cannot write the artifacts: " + FileProblems.describe(e), e);
    } finally {
      discard();
    }
  }

  /** Removes the staging folder (after a failed copy: the previous set stays). */
  public void discard() {
    OwnedFolder.deleteTree(staged);
  }

  private static Set<String> readManifest(Path folder) {
    try {
      return OwnedFolder.readManifest(folder, MANIFEST);
    } catch (IOException e) {
      throw new BuildSpecException(
          folder.resolve(MANIFEST) + ": cannot read: " + FileProblems.describe(e), e);
    }
  }
}
