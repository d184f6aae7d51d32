package io.pipelinekit.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Exchanges two folders in one step, so that a reader of either path sees the old or the new one
 * and never neither. The JDK has no such call: on Linux this is {@code renameat2(…,
 * RENAME_EXCHANGE)} (Linux 3.15, glibc 2.28), see
 * https://man7.org/linux/man-pages/man2/rename.2.html ("RENAME_EXCHANGE: Atomically exchange
 * oldpath and newpath. Both pathnames must exist but may be of different types"). Elsewhere, or
 * when the file system refuses (EINVAL), the folders are on different mounts (EXDEV), or one is a
 * mount point (EBUSY), {@link #exchange} answers false and the caller moves file by file.
 */
interface FolderSwap {
  /** Exchanges {@code a} and {@code b}; false when this system cannot do it in one step. */
  boolean exchange(Path a, Path b);

  /** The platform's exchange: renameat2 on Linux, none elsewhere. */
  static FolderSwap platform() {
    return LinuxRenameExchange.available() ? LinuxRenameExchange::exchange : (a, b) -> false;
  }

  /**
   * Starts loading the platform's exchange on a background thread: loading JNA takes tens of
   * milliseconds, which then overlap the work before the files are written.
   */
  static void preload() {
    Thread loader = new Thread(LinuxRenameExchange::available, "pipeline-load-renameat2");
    loader.setDaemon(true);
    loader.start();
  }

  /** {@code renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)} through JNA. */
  final class LinuxRenameExchange {
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 1 << 1;
    private static final String JNA_PLATFORM_PATH = "jna.platform.library.path";

    private LinuxRenameExchange() {}

    /** glibc's function (JNA interface mapping; the library is loaded on first use). */
    interface LibC extends Library {
      int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);
    }

    /** Loaded once, on first use; null when this is not Linux or the library cannot load. */
    private static final class Holder {
      static final LibC LIBC = load();

      private static LibC load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
          return null;
        }
        // JNA finds its platform's library folders by running `ldconfig -p` (a child process, on
        // every build) unless this property names them; glibc needs no folder (dlopen knows it).
        if (System.getProperty(JNA_PLATFORM_PATH) == null) {
          System.setProperty(JNA_PLATFORM_PATH, "");
        }
        // JNA's own library from the tool's cache, not unpacked into a new temporary file each run.
        Path dispatch = JnaDispatchCache.configure();
        try {
          LibC libc = Native.load("c", LibC.class); // a missing symbol shows on the first call
          JnaDispatchCache.forgetUnless(dispatch);
          return libc;
        } catch (LinkageError | RuntimeException e) {
          JnaDispatchCache.forget(dispatch); // it may be the cause: the next run copies it anew
          return null; // no native access (e.g. a noexec temporary folder): move file by file
        }
      }
    }

    static boolean available() {
      return Holder.LIBC != null;
    }

    static boolean exchange(Path a, Path b) {
      try {
        return Holder.LIBC.renameat2(
                AT_FDCWD, a.toString(), AT_FDCWD, b.toString(), RENAME_EXCHANGE)
            == 0;
      } catch (LinkageError | RuntimeException e) {
        return false; // glibc older than 2.28 has no renameat2 symbol
      }
    }
  }
}
