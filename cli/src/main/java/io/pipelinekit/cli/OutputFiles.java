package io.pipelinekit.cli;

import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes generated files as a set: every file is first written to a temporary file in its target
 * folder; only when all of them are written are they moved into place. A failure before the moves
 * leaves the output folder as it was (temporary files and folders made for them are removed).
 */
final class OutputFiles {
  private OutputFiles() {}

  /** Writes every file (relative path → text) under {@code dir}, creating folders as needed. */
  static void writeAll(Path dir, Map<String, String> files) {
    Path root = dir.toAbsolutePath().normalize();
    Map<Path, byte[]> bytes = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey()).normalize();
      if (!target.startsWith(root)) {
        throw new IllegalStateException("file outside the output folder: " + file.getKey());
      }
      bytes.put(target, file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    write(bytes);
  }

  /** Writes one file atomically: a temporary file beside it, then a move. */
  static void write(Path target, byte[] bytes) {
    write(Map.of(target, bytes));
  }

  /** Stages every file, then moves them all into place; on failure, undoes the staging. */
  private static void write(Map<Path, byte[]> files) {
    Staging staging = new Staging();
    try {
      files.forEach(staging::stage);
      staging.commit();
    } finally {
      staging.cleanUp();
    }
  }

  /** The temporary files and the folders created for them, until they are moved or removed. */
  private static final class Staging {
    /** A temporary file written for {@code target} (as given: messages name it so). */
    private record Staged(Path temp, Path target, Path absolute) {}

    private final List<Staged> staged = new ArrayList<>();
    private final List<Path> createdFolders = new ArrayList<>();
    private int moved;

    void stage(Path target, byte[] bytes) {
      Path absolute = target.toAbsolutePath();
      Path folder = absolute.getParent();
      try {
        createFolders(folder);
        // A unique hidden name beside the target (not Files.createTempFile: its SecureRandom
        // costs start-up time that a short-lived command feels).
        Path temp =
            folder.resolve(
                "."
                    + absolute.getFileName()
                    + "."
                    + ProcessHandle.current().pid()
                    + "."
                    + System.nanoTime()
                    + ".tmp");
        staged.add(new Staged(temp, target, absolute)); // first: a failed write is removed too
        Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
      } catch (IOException e) {
        throw cannotWrite(target, e);
      }
    }

    /** Creates the missing folders of {@code folder}, remembering them (outermost first). */
    private void createFolders(Path folder) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
        missing.add(0, p);
      }
      Files.createDirectories(folder);
      createdFolders.addAll(missing);
    }

    /** Moves every staged file into place. */
    void commit() {
      for (Staged file : staged) {
        try {
          try {
            Files.move(
                file.temp(),
                file.absolute(),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(file.temp(), file.absolute(), StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw cannotWrite(file.target(), e);
        }
        moved++;
      }
    }

    /** Removes what was staged but not moved; when nothing was moved, also the folders made. */
    void cleanUp() {
      for (Staged file : staged.subList(moved, staged.size())) {
        deleteQuietly(file.temp());
      }
      if (moved == 0) {
        for (int i = createdFolders.size() - 1; i >= 0; i--) {
          deleteQuietly(createdFolders.get(i));
        }
      }
    }

    private static void deleteQuietly(Path path) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // best effort: a temporary file is hidden and named after its target; a folder that is
        // not empty holds something else and stays
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
}
