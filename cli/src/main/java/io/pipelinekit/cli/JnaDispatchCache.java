package io.pipelinekit.cli;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;

/**
 * JNA's own native library ({@code libjnidispatch.so}, which JNA needs before it can call glibc),
 * kept in the tool's cache folder instead of being unpacked on every run. Left alone, JNA copies it
 * out of its jar into a new temporary file each time it is loaded and deletes it after ({@code
 * File.createTempFile}, whose first use seeds a {@code SecureRandom}: about 0.015 s of CPU in a
 * {@code build}). Here it is copied once into {@code
 * ${XDG_CACHE_HOME:-~/.cache}/pipelinekit/<version>/jna-<jna version>-<platform>/} and JNA is told
 * to load it from there with the property JNA documents for that, {@code jna.boot.library.path}
 * (https://java-native-access.github.io/jna/5.17.0/javadoc/com/sun/jna/Native.html#library_loading).
 *
 * <p>A library is code that runs in this process: it is only loaded when nobody but this user can
 * have put it there or changed it — the library file and its folder are not symbolic links, are
 * owned by this user, and neither group nor others may write to them (the folder is created {@code
 * rwx------}, the file {@code r-x------}). When any of that does not hold, or the folder cannot be
 * written, nothing is set and JNA unpacks its library as before. Should the cached file not load
 * (say, cut short by a full disk), JNA falls back to unpacking on its own and {@link FolderSwap}
 * removes the file, so that the next run copies it anew.
 */
final class JnaDispatchCache {
  /** JNA's property: folders it loads its native library from before unpacking its own copy. */
  static final String BOOT_PATH = "jna.boot.library.path";

  /** Where JNA says which file it loaded its native library from. */
  static final String LOADED_PATH = "jnidispatch.path";

  private static final Set<PosixFilePermission> LIBRARY =
      PosixFilePermissions.fromString("r-x------");

  private JnaDispatchCache() {}

  /**
   * Sets {@link #BOOT_PATH} to the cached library's folder, copying the library there first when it
   * is not there yet; the file JNA will load, or null when it is left to unpack its own.
   */
  static Path configure() {
    if (System.getProperty(BOOT_PATH) != null) {
      return null; // the user's choice
    }
    Path cache = toolCache(System.getenv(), VersionProvider.version());
    if (cache == null) {
      return null;
    }
    Path library = prepare(cache, JnaDispatchCache.class.getClassLoader());
    if (library != null) {
      System.setProperty(BOOT_PATH, library.getParent().toString());
    }
    return library;
  }

  /**
   * The tool's cache folder for {@code version}, as the launcher names it ({@code
   * ${XDG_CACHE_HOME:-$HOME/.cache}/pipelinekit/<version>}); null when neither is set.
   */
  static Path toolCache(Map<String, String> env, String version) {
    String xdg = env.get("XDG_CACHE_HOME");
    String home = env.get("HOME");
    Path root;
    if (xdg != null && !xdg.isEmpty()) {
      root = Path.of(xdg);
    } else if (home != null && !home.isEmpty()) {
      root = Path.of(home, ".cache");
    } else {
      return null;
    }
    return root.isAbsolute() ? root.resolve("pipelinekit").resolve(version) : null;
  }

  /** The library file for this JNA and platform in {@code cache} (it may not exist). */
  static Path libraryIn(Path cache) {
    return cache
        .resolve("jna-" + Native.VERSION + "-" + Platform.RESOURCE_PREFIX)
        .resolve(System.mapLibraryName("jnidispatch"));
  }

  /**
   * The library in {@code cache}, copied there from {@code loader}'s JNA resource when it is not
   * there yet; null when it cannot be written or is not safe to load.
   */
  static Path prepare(Path cache, ClassLoader loader) {
    Path library = libraryIn(cache);
    Path folder = library.getParent();
    try {
      UserPrincipal me = PrivateFolder.currentUser();
      if (me == null) {
        return null;
      }
      if (PrivateFolder.onlyMine(library, false, me)) {
        return PrivateFolder.onlyMine(folder, true, me) ? library : null;
      }
      if (Files.exists(library, LinkOption.NOFOLLOW_LINKS)) {
        return null; // there, but someone else could have written it
      }
      if (!PrivateFolder.create(folder, me)) {
        return null;
      }
      copy(loader, library);
      return PrivateFolder.onlyMine(library, false, me) ? library : null;
    } catch (IOException | RuntimeException e) {
      return null; // a read-only or foreign cache: JNA unpacks its own copy
    }
  }

  /**
   * Writes the library beside its place and moves it there in one step, so that a run in parallel
   * sees the whole file or none.
   */
  private static void copy(ClassLoader loader, Path library) throws IOException {
    String resource =
        "com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + library.getFileName().toString();
    Path temp =
        library.resolveSibling(
            library.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no " + resource);
      }
      Files.deleteIfExists(temp); // left by a dead process with this process id
      try (FileChannel channel =
              FileChannel.open(
                  temp,
                  Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")));
          OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
        in.transferTo(out);
        channel.force(true);
      }
      Files.setPosixFilePermissions(temp, LIBRARY);
      Files.move(
          temp, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * After JNA is loaded: when it did not load {@code library} (which it was pointed at), the file
   * is removed so that the next run copies it anew.
   */
  static void forgetUnless(Path library) {
    if (library != null && !library.toString().equals(System.getProperty(LOADED_PATH))) {
      forget(library);
    }
  }

  /** Removes the cached library (null: none), so that the next run copies it anew. */
  static void forget(Path library) {
    if (library == null) {
      return;
    }
    try {
      Files.deleteIfExists(library);
    } catch (IOException | RuntimeException e) {
      // the next run finds it again, does not load it, and tries once more
    }
  }
}
