package io.pipelinekit.buildspec.internal.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The files an {@code artifacts}, {@code secondary-artifacts} or {@code reports} entry picks, as
 * the buildspec reference describes {@code files}, {@code base-directory}, {@code discard-paths}
 * and {@code exclude-paths}
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.artifacts):
 * locations relative to the source folder or the base directory; {@code *} matches within one name,
 * {@code **} across folders ({@code '**}{@code /*'} is every file); a base directory may be a
 * pattern naming top-level folders, whose own names are not part of the output paths; {@code
 * discard-paths: yes} puts every file at the top.
 *
 * <p>Symbolic links are never followed out of the source folder: a link to a file inside it is
 * taken as that file; a link to anything outside (or to a folder) is left out, with a note.
 */
public final class FileSelection {
  /** One picked file: where it is read from, and its path in the output. */
  public record Picked(Path source, String target) {}

  private FileSelection() {}

  /**
   * The files {@code set} picks under {@code sourceRoot} (a real path), never descending into
   * {@code skipped} folders (the artifacts folder and its staging folder when they sit inside the
   * source).
   */
  public static List<Picked> pick(
      Path sourceRoot, RunSpec.FileSet set, Set<Path> skipped, Consumer<String> notes) {
    List<Pattern> include = set.files().stream().map(FileSelection::compile).toList();
    List<Pattern> exclude = set.excludePaths().stream().map(FileSelection::compile).toList();
    Map<String, Picked> picked = new LinkedHashMap<>();
    for (Path base : bases(sourceRoot, set.baseDirectory(), notes)) {
      try {
        Files.walkFileTree(
            base,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return skipped.contains(dir)
                    ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = slashes(base.relativize(file));
                if (!matches(include, rel, set.files())
                    || matches(exclude, rel, set.excludePaths())) {
                  return FileVisitResult.CONTINUE;
                }
                Path source = file;
                if (attrs.isSymbolicLink()) {
                  source = insideLink(sourceRoot, file, rel, notes);
                  if (source == null) {
                    return FileVisitResult.CONTINUE;
                  }
                } else if (!attrs.isRegularFile()) {
                  notes.accept(rel + ": not a regular file; left out");
                  return FileVisitResult.CONTINUE;
                }
                String target = set.discardPaths() ? file.getFileName().toString() : rel;
                Picked earlier = picked.putIfAbsent(target, new Picked(source, target));
                if (earlier != null && !earlier.source().equals(source)) {
                  notes.accept(
                      target
                          + ": two files have this path in the output ("
                          + slashes(sourceRoot.relativize(earlier.source()))
                          + " and "
                          + slashes(sourceRoot.relativize(source))
                          + "); the first is kept");
                }
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(picked.values());
  }

  /** The real file a link inside the source stands for; null (with a note) when outside. */
  private static Path insideLink(Path sourceRoot, Path link, String rel, Consumer<String> notes) {
    try {
      Path real = link.toRealPath();
      if (!real.startsWith(sourceRoot)) {
        notes.accept(
            rel + ": a symbolic link to " + real + ", outside the source folder; left out");
        return null;
      }
      if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        notes.accept(rel + ": a symbolic link to a folder; links are not followed; left out");
        return null;
      }
      return real;
    } catch (IOException e) {
      notes.accept(rel + ": a broken symbolic link; left out");
      return null;
    }
  }

  /** The base folders: the source, one folder, or the top-level folders a pattern names. */
  private static List<Path> bases(Path sourceRoot, String baseDirectory, Consumer<String> notes) {
    if (baseDirectory == null || baseDirectory.isBlank()) {
      return List.of(sourceRoot);
    }
    String base = stripDot(baseDirectory.trim());
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    List<Path> out = new ArrayList<>();
    if (base.contains("*") || base.contains("?")) {
      Pattern pattern = compile(base);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(sourceRoot)) {
        for (Path entry : entries) {
          if (pattern.matcher(entry.getFileName().toString()).matches()
              && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            out.add(entry);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.sort(null);
    } else {
      Path dir = sourceRoot.resolve(base).normalize();
      try {
        if (dir.startsWith(sourceRoot) && Files.isDirectory(dir)) {
          Path real = dir.toRealPath();
          if (real.startsWith(sourceRoot)) {
            out.add(real);
          }
        }
      } catch (IOException e) {
        // not there: nothing picked, said below
      }
    }
    if (out.isEmpty()) {
      notes.accept(
          "base-directory '" + baseDirectory + "': no such folder inside the source folder");
    }
    return out;
  }

  /** Whether {@code rel} matches a pattern, or lies under a folder a plain path names. */
  private static boolean matches(List<Pattern> patterns, String rel, List<String> globs) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matcher(rel).matches()) {
        return true;
      }
      String glob = stripDot(globs.get(i));
      if (!glob.contains("*") && !glob.contains("?")) {
        String folder = glob.endsWith("/") ? glob : glob + "/";
        if (rel.startsWith(folder)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A location pattern as a regular expression over '/'-separated relative paths. */
  static Pattern compile(String glob) {
    String g = stripDot(glob.trim());
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < g.length(); ) {
      if (g.startsWith("**/", i)) {
        re.append("(?:.*/)?");
        i += 3;
      } else if (g.startsWith("**", i)) {
        re.append(".*");
        i += 2;
      } else {
        char c = g.charAt(i++);
        if (c == '*') {
          re.append("[^/]*");
        } else if (c == '?') {
          re.append("[^/]");
        } else {
          re.append(Pattern.quote(String.valueOf(c)));
        }
      }
    }
    return Pattern.compile(re.toString());
  }

  private static String stripDot(String glob) {
    String g = glob;
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    return g;
  }

  static String slashes(Path relative) {
    return relative.toString().replace('\\', '/');
  }
}
