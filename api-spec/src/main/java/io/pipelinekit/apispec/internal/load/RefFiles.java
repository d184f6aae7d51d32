package io.pipelinekit.apispec.internal.load;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one way a {@code $ref} reaches a file, for the loader's check and for everything that
 * resolves references afterwards. Rooted at the folder of the document the user named:
 *
 * <ul>
 *   <li>{@code #/...}: a pointer into the same document;
 *   <li>a relative file path: only inside the root folder, judged on the <em>real</em> path (after
 *       decoding {@code %2e} and following every symbolic link); the file is read with the same
 *       limits as the document, once, and at most {@link LoadOptions#maxRefFiles()} files per
 *       document (more is an error, never a silent stop);
 *   <li>{@code http}/{@code https}: only to a host the options allow, and never fetched;
 *   <li>anything else ({@code file:}, {@code jar:}, absolute paths, {@code ../} escapes): refused.
 * </ul>
 */
public final class RefFiles {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");

  /** Where a {@code $ref} leads. */
  public sealed interface Target permits Local, Remote, File, Refused {}

  /** {@code #fragment}: the same document. */
  public record Local(String fragment) implements Target {}

  /** An http(s) URL to an allowed host; left as is, never fetched. */
  public record Remote() implements Target {}

  /**
   * A file inside the root folder: its real path, and the fragment after {@code #} ("" if none).
   */
  public record File(String ref, Path real, String fragment) implements Target {}

  /** Refused, and why (a sentence a user can act on). */
  public record Refused(String message) implements Target {}

  private final LoadedDocument document;
  private final Path rootFolder;
  private final Path realRoot;
  private final LoadOptions options;
  private final boolean streamed;
  private final Map<Path, LoadedDocument> opened = new HashMap<>();

  private RefFiles(LoadedDocument document, LoadOptions options) {
    this.document = document;
    this.rootFolder = folderOf(document.file());
    this.realRoot = realOrNormal(rootFolder);
    this.options = options;
    this.streamed = options.isStreamed(document.file());
    opened.put(realOrNormal(document.file().toAbsolutePath()), document);
  }

  /** The files {@code document}'s references may reach: those inside its folder. */
  public static RefFiles rootedAt(LoadedDocument document, LoadOptions options) {
    return new RefFiles(document, options);
  }

  /** The folder the document's own relative references resolve against. */
  public Path rootFolder() {
    return rootFolder;
  }

  /** The folder the references of {@code doc} (the document or a file it reached) resolve in. */
  public Path baseOf(LoadedDocument doc) {
    return doc == document ? rootFolder : folderOf(doc.file());
  }

  /**
   * Where {@code ref}, found in a file of folder {@code base}, leads; never touches the network.
   */
  public Target target(String ref, Path base) {
    int hash = ref.indexOf('#');
    if (hash == 0) {
      return new Local(ref.substring(1));
    }
    if (SCHEME.matcher(ref).find() && !WINDOWS_DRIVE.matcher(ref).matches()) {
      return remote(ref);
    }
    String pathPart = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? "" : ref.substring(hash + 1);
    String decoded;
    try {
      decoded = JsonPointers.percentDecode(pathPart);
    } catch (IllegalArgumentException e) {
      return new Refused("$ref '" + ref + "' has a malformed %-escape");
    }
    if (decoded.isEmpty()) {
      return new Local(fragment);
    }
    if (streamed) {
      // Standard input or a pipe has no folder: resolving against the working folder would mix
      // this document with whatever files happen to be there (another Git revision's, say).
      return new Refused(
          "$ref '"
              + ref
              + "' names a file, but "
              + document.file()
              + " was read from standard input or a pipe and has no folder to find it in; pass"
              + " the document's path instead, or merge its files first (pipeline merge)");
    }
    if (decoded.startsWith("/")
        || decoded.startsWith("\\")
        || WINDOWS_DRIVE.matcher(decoded).matches()
        || decoded.indexOf('\0') >= 0) {
      return new Refused(
          "$ref '"
              + ref
              + "' is an absolute path; refer to files relative to the document, inside its"
              + " folder");
    }
    Path target = base.resolve(decoded.replace('\\', '/')).normalize();
    if (!target.startsWith(rootFolder) && !target.startsWith(realRoot)) {
      return new Refused(
          "$ref '"
              + ref
              + "' points outside the document's folder ("
              + rootFolder
              + "); move the referenced file inside it");
    }
    if (!Files.isRegularFile(target)) {
      return new Refused("$ref '" + ref + "' names a file that does not exist (" + target + ")");
    }
    Path real = realOrNormal(target);
    if (!real.startsWith(realRoot)) {
      return new Refused(
          "$ref '"
              + ref
              + "' resolves through a symbolic link to "
              + real
              + ", outside the document's folder; copy the file inside it");
    }
    return new File(ref, real, fragment);
  }

  private Target remote(String ref) {
    String scheme = ref.substring(0, ref.indexOf(':')).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new Refused(
          "$ref '"
              + ref
              + "' uses the "
              + scheme
              + ": scheme; only '#/...' pointers, relative files inside the document's folder and"
              + " allowed http(s) hosts are accepted");
    }
    String host;
    try {
      host = new URI(ref).getHost();
    } catch (URISyntaxException e) {
      return new Refused("$ref '" + ref + "' is not a valid URL");
    }
    if (host == null || !options.allowedRemoteRefHosts().contains(host.toLowerCase(Locale.ROOT))) {
      return new Refused(
          "remote $ref '"
              + ref
              + "' is not fetched; copy the referenced part into the document or folder, or allow"
              + " the host with --allow-remote-refs "
              + (host == null ? "HOST" : host));
    }
    return new Remote();
  }

  /**
   * Reads the file {@code target} names (once; later calls return the same tree), with the
   * document's limits. {@code where} ({@code file:line:col}) is the reference, for messages.
   *
   * @throws ApiSpecException when the budget of files is spent, the file moved out of the folder
   *     since {@link #target} looked, or it breaks a limit
   */
  public LoadedDocument open(File target, String where) {
    LoadedDocument done = opened.get(target.real());
    if (done != null) {
      return done;
    }
    // The document itself is in the map too: the budget counts the other files.
    if (opened.size() - 1 >= options.maxRefFiles()) {
      throw new ApiSpecException(
          where
              + ": $ref '"
              + target.ref()
              + "' would make this document read more than "
              + options.maxRefFiles()
              + (options.maxRefFiles() == 1 ? " file" : " files")
              + " through $refs, the limit; raise it with --max-ref-files");
    }
    // Checked again just before reading, and read without following a link in the last step, so
    // a file swapped for a link since target() looked is not read either.
    Path real = realOrNormal(target.real());
    if (!real.equals(target.real()) || !real.startsWith(realRoot)) {
      throw new ApiSpecException(
          where
              + ": $ref '"
              + target.ref()
              + "' no longer resolves inside the document's folder ("
              + realRoot
              + "); it changed while being read");
    }
    LoadedDocument doc = SafeLoader.parseConfined(real, options);
    opened.put(real, doc);
    return doc;
  }

  private static Path folderOf(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }

  private static Path realOrNormal(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
