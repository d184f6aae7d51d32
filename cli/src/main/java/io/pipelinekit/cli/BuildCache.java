package io.pipelinekit.cli;

import io.pipelinekit.apispec.OpenApiLinter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * What {@code pipeline build} worked out before for the same input, remembered in the tool's cache
 * folder ({@code ${XDG_CACHE_HOME:-~/.cache}/pipelinekit/<version>/build-cache/}): the merged
 * document of an API's fragments, and the lint errors of a merged document. From one build to the
 * next it is usually the definition that changes, not the API, and these two are most of a small
 * build's work besides the definition: reading the fragments (SnakeYAML on a cold JVM), merging
 * them and linting the result were about 0.04 s of the bundled service's 0.17 s build
 * (bench/README.md, seventh pass).
 *
 * <p>An entry holds everything its result depends on, in full, and answers only when all of it is
 * the same: what kind of result it is, the tool (the SHA-256 of its runnable jar, which the build
 * writes beside it), and the key's fields (file paths and whole texts). Its file name is only a
 * checksum of those, to find it: two keys with the same checksum replace each other's entry. The
 * callers remember nothing whose result depends on what the key does not hold (a document with a
 * {@code $ref} that may name another file: {@link #selfContained}). No identity (classes not in a
 * jar with its checksum beside it: the test runs, a hand-made classpath), no cache folder, or one
 * that is not this user's alone (rwx------, like the JNA library's) means no cache, and the work is
 * done as before.
 *
 * <p>Entries are written beside their place and moved there in one step (a run in parallel reads
 * the whole entry or none), as {@code rw-------}, and only a regular file of this user's that
 * nobody else may write is read or replaced. At most {@value #MAX_ENTRIES} are kept: writing one
 * more removes the oldest. Anything unreadable or unexpected in an entry is a miss.
 */
final class BuildCache {
  /** The cache's folder in the tool's cache. */
  static final String FOLDER = "build-cache";

  /** Entries kept; writing one more removes the oldest. */
  static final int MAX_ENTRIES = 64;

  /** The largest key or value field remembered, in characters. */
  static final int MAX_TEXT = 1 << 20;

  /** An entry's first line: the format, so that a later one is never misread. */
  private static final String HEADER = "pipelinekit build-cache 1";

  private static final Set<PosixFilePermission> ENTRY_MODE =
      PosixFilePermissions.fromString("rw-------");

  /**
   * A folder to use instead of the tool cache's (the launchers' training run keeps its entries out
   * of the user's cache with it).
   */
  static final String FOLDER_PROPERTY = "pipeline.build-cache";

  /** No cache: nothing is remembered, all work is done. */
  private static final BuildCache NONE = new BuildCache(null, null);

  private final Path folder;
  private final String tool;
  private UserPrincipal owner;
  private boolean ownerLookedUp;

  /**
   * @param folder where the entries are, created when missing; null: no cache
   * @param tool what identifies the tool's code (the lint's rules); null: no cache
   */
  BuildCache(Path folder, String tool) {
    this.folder = folder;
    this.tool = tool;
  }

  /** The cache of this installation of the tool, or one that remembers nothing. */
  static BuildCache forThisTool() {
    String tool = toolIdentity(OpenApiLinter.class);
    if (tool == null) {
      return NONE;
    }
    String folder = System.getProperty(FOLDER_PROPERTY);
    if (folder != null) {
      return new BuildCache(Path.of(folder).toAbsolutePath(), tool);
    }
    Path cache = JnaDispatchCache.toolCache(System.getenv(), VersionProvider.version());
    return cache == null ? NONE : new BuildCache(cache.resolve(FOLDER), tool);
  }

  /**
   * The SHA-256 the build wrote beside the jar {@code type} was loaded from ({@code <jar>.sha256},
   * as {@code sha256sum} prints it); null when there is none.
   */
  static String toolIdentity(Class<?> type) {
    try {
      var source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path jar = Path.of(source.getLocation().toURI());
      if (!jar.getFileName().toString().endsWith(".jar")) {
        return null;
      }
      Path sum = jar.resolveSibling(jar.getFileName() + ".sha256");
      BasicFileAttributes attributes =
          Files.readAttributes(sum, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() || attributes.size() > 4096) {
        return null;
      }
      String line = Files.readString(sum, StandardCharsets.ISO_8859_1);
      if (line.length() < 64) {
        return null;
      }
      for (int i = 0; i < 64; i++) {
        if (!isHex(line.charAt(i))) {
          return null;
        }
      }
      return line.length() == 64 || line.charAt(64) == ' ' || line.charAt(64) == '\n'
          ? line.substring(0, 64)
          : null;
    } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
      return null;
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /** Whether this cache remembers anything at all. */
  boolean enabled() {
    return folder != null;
  }

  /**
   * The values remembered for {@code key} of {@code kind} by this tool, or null when there are none
   * (or no cache).
   */
  List<String> lookup(String kind, List<String> key) {
    Path entry = entry(kind, key);
    UserPrincipal me = entry == null ? null : owner();
    return me == null ? null : read(entry, me, kind, key);
  }

  /** Remembers {@code values} for {@code key} of {@code kind}; quietly nothing when it cannot. */
  void remember(String kind, List<String> key, List<String> values) {
    Path entry = entry(kind, key);
    UserPrincipal me = entry == null ? null : owner();
    if (me == null) {
      return;
    }
    for (String value : values) {
      if (value.length() > MAX_TEXT) {
        return;
      }
    }
    write(entry, me, encode(kind, key, values));
  }

  /** Where the entry for {@code key} is; null when there is no cache or a field is too large. */
  private Path entry(String kind, List<String> key) {
    if (folder == null) {
      return null;
    }
    for (String field : key) {
      if (field.length() > MAX_TEXT) {
        return null;
      }
    }
    return folder.resolve(name(kind, key));
  }

  /**
   * Whether every {@code $ref} in {@code text} is one into the document itself ({@code #…}): as far
   * as the text shows, without reading it. A {@code $ref} anywhere else (another file, a URL, or
   * only in a description) counts as one that may name another file, and so does any escape that
   * could spell one ({@code \\u}, {@code \\U} or {@code \\x} in a JSON or double-quoted YAML
   * string, as in {@code "\\u0024ref"}).
   */
  static boolean selfContained(String text) {
    for (int slash = text.indexOf('\\'); slash >= 0; slash = text.indexOf('\\', slash + 1)) {
      char next = slash + 1 < text.length() ? text.charAt(slash + 1) : ' ';
      if (next == 'u' || next == 'U' || next == 'x') {
        return false;
      }
    }
    int at = text.indexOf("$ref");
    while (at >= 0) {
      int i = at + "$ref".length();
      if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
        i++; // the key's closing quote
      }
      i = skipSpaces(text, i);
      if (i >= text.length() || text.charAt(i) != ':') {
        return false;
      }
      i = skipSpaces(text, i + 1);
      if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
        i++;
      }
      if (i >= text.length() || text.charAt(i) != '#') {
        return false;
      }
      at = text.indexOf("$ref", i);
    }
    return true;
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** The entry's file name: a checksum of the kind, the tool and the key; the key's length. */
  private String name(String kind, List<String> key) {
    CRC32 crc = new CRC32();
    crc.update(kind.getBytes(StandardCharsets.UTF_8));
    crc.update(0);
    crc.update(tool.getBytes(StandardCharsets.UTF_8));
    long length = 0;
    for (String field : key) {
      crc.update(0);
      crc.update(field.getBytes(StandardCharsets.UTF_8));
      length += field.length();
    }
    String hex = Long.toHexString(crc.getValue());
    return "0".repeat(8 - hex.length()) + hex + "-" + length;
  }

  /** This user, looked up once per cache (a build looks up and remembers several entries). */
  private UserPrincipal owner() {
    if (!ownerLookedUp) {
      ownerLookedUp = true;
      owner = PrivateFolder.currentUser(); // null: no way to tell whose an entry is, no cache
    }
    return owner;
  }

  /** The entry's values, when it is there, this user's alone, and for this kind, tool and key. */
  private List<String> read(Path entry, UserPrincipal me, String kind, List<String> key) {
    if (!PrivateFolder.onlyMine(folder, true, me) || !PrivateFolder.onlyMine(entry, false, me)) {
      return null;
    }
    try (SeekableByteChannel channel =
        Files.newByteChannel(entry, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      long size = channel.size();
      // at most 3 bytes a character in UTF-8, for the key and the values
      if (size > 3L * (key.size() + 1) * MAX_TEXT) {
        return null;
      }
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) size);
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // reads the whole entry
      }
      return decode(
          new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8), kind, key);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * An entry: its header line, then each field as its length in characters on a line and the
   * characters: the kind, the tool, the number of key fields and each, the number of values and
   * each.
   */
  private String encode(String kind, List<String> key, List<String> values) {
    StringBuilder out = new StringBuilder(256).append(HEADER).append('\n');
    field(out, kind);
    field(out, tool);
    field(out, String.valueOf(key.size()));
    for (String field : key) {
      field(out, field);
    }
    field(out, String.valueOf(values.size()));
    for (String value : values) {
      field(out, value);
    }
    return out.toString();
  }

  private static void field(StringBuilder out, String value) {
    out.append(value.length()).append('\n').append(value).append('\n');
  }

  /** The values of {@code entry}, or null unless it is whole and for this kind, tool and key. */
  private List<String> decode(String entry, String kind, List<String> key) {
    Fields fields = new Fields(entry);
    if (!fields.line().equals(HEADER)
        || !kind.equals(fields.next())
        || !tool.equals(fields.next())
        || !String.valueOf(key.size()).equals(fields.next())) {
      return null;
    }
    for (String field : key) {
      if (!field.equals(fields.next())) {
        return null;
      }
    }
    int count = Integer.parseInt(fields.next());
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(fields.next());
    }
    return fields.atEnd() ? List.copyOf(values) : null;
  }

  /** Reads an entry's fields in turn; any malformed field throws. */
  private static final class Fields {
    private final String entry;
    private int at;

    Fields(String entry) {
      this.entry = entry;
    }

    String line() {
      int end = entry.indexOf('\n', at);
      if (end < 0) {
        throw new IllegalArgumentException("no line");
      }
      String line = entry.substring(at, end);
      at = end + 1;
      return line;
    }

    String next() {
      String length = line();
      if (length.isEmpty() || length.length() > 9) {
        throw new IllegalArgumentException("no length");
      }
      for (int i = 0; i < length.length(); i++) {
        if (length.charAt(i) < '0' || length.charAt(i) > '9') {
          throw new IllegalArgumentException("no length");
        }
      }
      int n = Integer.parseInt(length);
      if (n > entry.length() - at - 1 || entry.charAt(at + n) != '\n') {
        throw new IllegalArgumentException("cut short");
      }
      String value = entry.substring(at, at + n);
      at += n + 1;
      return value;
    }

    boolean atEnd() {
      return at == entry.length();
    }
  }

  /**
   * Writes the entry beside its place and moves it there; replaces only an entry of this user's. A
   * cache that cannot be written is no error: the next build lints again.
   */
  private void write(Path entry, UserPrincipal me, String content) {
    Path temp =
        entry.resolveSibling(entry.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      if (!PrivateFolder.create(folder, me)
          || (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)
              && !PrivateFolder.onlyMine(entry, false, me))) {
        return;
      }
      Files.deleteIfExists(temp); // left by a dead process with this process id
      try (FileChannel channel =
          FileChannel.open(
              temp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(ENTRY_MODE))) {
        java.nio.ByteBuffer bytes =
            java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
      Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      removeOldest(me);
    } catch (IOException | RuntimeException e) {
      // not remembered: the next build does the work again
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a file of ours in our folder: the next write of the same entry removes it
      }
    }
  }

  /** Removes this user's oldest entries beyond {@link #MAX_ENTRIES}. */
  private void removeOldest(UserPrincipal me) throws IOException {
    Map<FileTime, List<Path>> byAge = new TreeMap<>();
    int entries = 0;
    try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
      for (Path p : all) {
        String n = p.getFileName().toString();
        if (n.endsWith(".tmp")) {
          continue;
        }
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isRegularFile()) {
          byAge.computeIfAbsent(a.lastModifiedTime(), t -> new ArrayList<>()).add(p);
          entries++;
        }
      }
    }
    for (List<Path> same : byAge.values()) {
      for (Path p : same) {
        if (entries <= MAX_ENTRIES) {
          return;
        }
        if (PrivateFolder.onlyMine(p, false, me)) {
          Files.deleteIfExists(p);
        }
        entries--;
      }
    }
  }
}
