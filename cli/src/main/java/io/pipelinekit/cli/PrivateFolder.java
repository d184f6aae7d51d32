package io.pipelinekit.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The tool cache's folders that only this user may write ({@code rwx------}), and the check that a
 * file or folder in them is still so before it is trusted: the JNA library ({@link
 * JnaDispatchCache}) and build's remembered results ({@link BuildCache}).
 */
final class PrivateFolder {
  private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwx------");

  private PrivateFolder() {}

  /** The user running the tool, as file owners are named; null when it cannot be looked up. */
  static UserPrincipal currentUser() {
    try {
      return Path.of("")
          .getFileSystem()
          .getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Creates {@code folder} ({@code rwx------}) and its missing parents; whether it is, now, a
   * folder of {@code me}'s alone (one made by another run is checked like any other).
   */
  static boolean create(Path folder, UserPrincipal me) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(folder.getParent());
      try {
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(MODE));
      } catch (FileAlreadyExistsException e) {
        // another run made it
      }
    }
    return onlyMine(folder, true, me);
  }

  /**
   * Whether {@code path} is a folder (or a regular file) itself, not a link, owned by {@code me},
   * and writable by nobody else.
   */
  static boolean onlyMine(Path path, boolean folder, UserPrincipal me) {
    PosixFileAttributes attributes;
    try {
      attributes =
          Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .readAttributes();
    } catch (IOException | RuntimeException e) {
      return false;
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    return (folder ? attributes.isDirectory() : attributes.isRegularFile())
        && attributes.owner().equals(me)
        && !permissions.contains(PosixFilePermission.GROUP_WRITE)
        && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
  }
}
