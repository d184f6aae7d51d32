package io.pipelinekit.pipeline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes generated files: each to a temporary file in its target folder, then moved into place. */
final class OutputFiles {
  private OutputFiles() {}

  /** Writes every file (relative path → text) under {@code dir}, creating folders as needed. */
  static void writeAll(Path dir, Map<String, String> files) {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey()).normalize();
      if (!target.startsWith(dir.normalize())) {
        throw new IllegalStateException("file outside the output folder: " + file.getKey());
      }
      write(target, file.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Writes one file atomically: a temporary file beside it, then a move. */
  static void write(Path target, byte[] bytes) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(folder);
      // A unique hidden name beside the target (not Files.createTempFile: its SecureRandom costs
      // start-up time that a short-lived command feels).
      temp =
          folder.resolve(
              "."
                  + absolute.getFileName()
                  + "."
                  + ProcessHandle.current().pid()
                  + "."
                  + System.nanoTime()
                  + ".tmp");
      Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw CliException.invalidInput(
          target + ": cannot write the file (" + e + "); check the folder and its permissions");
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after its target
        }
      }
    }
  }
}
