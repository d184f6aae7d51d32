package io.pipelinekit.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What is wrong with a file a command was given, in words a person reads: "no such file", "is a
 * FIFO (named pipe), not a regular file", "permission denied" — never a Java class name. Every
 * module that reads or writes files (the loaders, the linters, the command line) says it the same
 * way.
 */
public final class FileProblems {
  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private FileProblems() {}

  /**
   * Why {@code file} cannot be read as an input file, or empty when it is a regular file (links
   * followed). Looks at the file's type only: a FIFO is never opened (which would block until a
   * writer comes), a device such as {@code /dev/zero} never read (which would never end).
   */
  public static Optional<String> notARegularFile(Path file) {
    if (Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (Files.isDirectory(file)) {
      return Optional.of("is a folder, not a file");
    }
    if (!Files.exists(file)) {
      return Optional.of("no such file");
    }
    return Optional.of(special(file) + ", not a regular file; pass a file");
  }

  /**
   * Whether {@code file} (links followed) is a pipe or FIFO: what a shell's process substitution
   * ({@code <(git show main:openapi.yaml)}, a {@code /dev/fd/N} path) or {@code mkfifo} gives. Such
   * an input is read once, as a stream, never by its size.
   */
  public static boolean isPipe(Path file) {
    try {
      return ((Integer) Files.getAttribute(file, "unix:mode") & S_IFMT) == S_IFIFO;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String special(Path file) {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(file, "unix:mode");
    } catch (IOException | RuntimeException e) {
      return "is a special file";
    }
    return switch (mode & S_IFMT) {
      case S_IFIFO -> "is a FIFO (named pipe)";
      case S_IFCHR, S_IFBLK -> "is a device";
      case S_IFSOCK -> "is a socket";
      default -> "is a special file";
    };
  }

  /**
   * An I/O failure in words: {@code permission denied}, {@code no such file}, {@code /out/report is
   * a file, not a folder}, {@code read-only file system}, … — the operating system's reason,
   * without the exception's class name.
   */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file" + other(n);
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied" + other(a);
    }
    if (e instanceof FileAlreadyExistsException x) {
      // Files.createDirectories reports a file in the way of a folder this way.
      Path in = x.getFile() == null ? null : Path.of(x.getFile());
      return in != null && Files.exists(in) && !Files.isDirectory(in)
          ? in + " is a file, not a folder"
          : (in == null ? "it" : in) + " already exists";
    }
    if (e instanceof NotDirectoryException d) {
      return d.getFile() + " is a file, not a folder";
    }
    if (e instanceof DirectoryNotEmptyException d) {
      return d.getFile() + " is a folder that is not empty";
    }
    if (e instanceof FileSystemException f) {
      String reason = f.getReason();
      if (reason == null || reason.isBlank()) {
        return "the operating system refused (" + f.getFile() + ")";
      }
      return lowerFirst(reason) + other(f);
    }
    String message = e.getMessage();
    if (message == null || message.isBlank() || message.matches("(?s)[a-z]+(\\.[a-z0-9_$]+)+.*")) {
      return "an I/O error";
    }
    return lowerFirst(message);
  }

  /** " (other path)" when the failure names a second file, else "". */
  private static String other(FileSystemException e) {
    return e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")";
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
    return s;
  }

  /**
   * When the bytes are UTF-16 or UTF-32 text (by byte-order mark, or by the NUL bytes every other
   * character of UTF-16 text has), the sentence saying so ({@code UTF-16 is not supported: save the
   * file as UTF-8}); else empty. A UTF-8 byte-order mark is not a problem.
   */
  public static Optional<String> unsupportedEncoding(byte[] bytes) {
    String encoding = wideEncoding(bytes);
    return encoding == null
        ? Optional.empty()
        : Optional.of(encoding + " is not supported: save the file as UTF-8");
  }

  private static String wideEncoding(byte[] b) {
    int n = b.length;
    if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      return "UTF-32";
    }
    if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      return "UTF-32";
    }
    if (n >= 2
        && (((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)
            || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE))) {
      return "UTF-16";
    }
    // No byte-order mark: UTF-32 text has three NULs in every four bytes whose character is
    // ASCII; UTF-16 text a NUL in every such pair, at the same place (big- or little-endian).
    if (n >= 8
        && (utf32Group(b, 0, 0) && utf32Group(b, 4, 0)
            || utf32Group(b, 0, 3) && utf32Group(b, 4, 3))) {
      return "UTF-32";
    }
    int pairs = Math.min(n / 2, 64);
    if (pairs < 4) {
      return null;
    }
    int evenNuls = 0;
    int oddNuls = 0;
    for (int i = 0; i < pairs; i++) {
      boolean even = b[2 * i] == 0;
      boolean odd = b[2 * i + 1] == 0;
      if (even && odd) {
        return null;
      }
      evenNuls += even ? 1 : 0;
      oddNuls += odd ? 1 : 0;
    }
    int most = pairs * 3 / 4;
    return (evenNuls >= most && oddNuls == 0) || (oddNuls >= most && evenNuls == 0)
        ? "UTF-16"
        : null;
  }

  /** Whether b[at..at+3] is one ASCII character in UTF-32: non-NUL at {@code charAt}, else NULs. */
  private static boolean utf32Group(byte[] b, int at, int charAt) {
    for (int i = 0; i < 4; i++) {
      if ((b[at + i] == 0) == (i == charAt)) {
        return false;
      }
    }
    return true;
  }
}
