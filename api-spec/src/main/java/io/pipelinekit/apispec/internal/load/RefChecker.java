package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every {@code $ref} of a raw tree before anything resolves it:
 *
 * <ul>
 *   <li>{@code #/...}: a pointer into the same document, fine;
 *   <li>a relative file path: only inside the first document's folder tree (after decoding {@code
 *       %2e} and following symbolic links); the file must exist, and is itself read with the same
 *       limits and checked in turn;
 *   <li>{@code http}/{@code https}: only to a host the options allow, and never fetched;
 *   <li>anything else ({@code file:}, {@code jar:}, absolute paths, {@code ../} escapes): refused.
 * </ul>
 */
public final class RefChecker {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");
  private static final int MAX_PROBLEMS = 20;
  private static final int MAX_FILES = 1000;

  private RefChecker() {}

  /** A {@code $ref} that was refused, and where. */
  public record Problem(String where, String message) {}

  /** Throws {@link ApiSpecException} listing every refused reference of the document tree. */
  public static void check(LoadedDocument document, LoadOptions options) {
    Path rootFolder = folderOf(document.file());
    Path realRoot = realOrNormal(rootFolder);
    List<Problem> problems = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    seen.add(realOrNormal(document.file().toAbsolutePath()));
    Deque<LoadedDocument> pending = new ArrayDeque<>();
    pending.add(document);
    while (!pending.isEmpty() && problems.size() < MAX_PROBLEMS) {
      LoadedDocument doc = pending.poll();
      for (Path next : checkOne(doc, rootFolder, realRoot, options, problems)) {
        if (seen.add(next) && seen.size() <= MAX_FILES) {
          pending.add(SafeLoader.parse(next, options));
        }
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder();
      for (Problem p : problems) {
        if (message.length() > 0) {
          message.append('\n');
        }
        message.append(p.where()).append(": ").append(p.message());
      }
      throw new ApiSpecException(message.toString());
    }
  }

  private static List<Path> checkOne(
      LoadedDocument doc,
      Path rootFolder,
      Path realRoot,
      LoadOptions options,
      List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    Path base = folderOf(doc.file());
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {doc.root(), NodePath.ROOT});
    while (!stack.isEmpty()) {
      Object[] item = stack.pop();
      JsonNode node = (JsonNode) item[0];
      NodePath path = (NodePath) item[1];
      if (node.isObject()) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
          String refusal = refuse(ref.textValue(), base, rootFolder, realRoot, options, files);
          if (refusal != null && problems.size() < MAX_PROBLEMS) {
            String where = doc.locate(path.key("$ref").pointer()).toString();
            problems.add(new Problem(where, refusal));
          }
        }
        boolean schemaProperties = "properties".equals(path.lastKey());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          if (!schemaProperties && isLiteralData(e.getKey(), path)) {
            continue;
          }
          if (e.getValue().isContainerNode()) {
            stack.push(new Object[] {e.getValue(), path.key(e.getKey())});
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (node.get(i).isContainerNode()) {
            stack.push(new Object[] {node.get(i), path.index(i)});
          }
        }
      }
    }
    return files;
  }

  /**
   * Example values, defaults and enums are data, not references: a {@code $ref} key inside them
   * (GitHub's SCIM examples have many) is not followed.
   */
  private static boolean isLiteralData(String key, NodePath path) {
    switch (key) {
      case "example", "default", "enum", "const" -> {
        return true;
      }
      case "value" -> {
        NodePath parent = path.parent();
        return parent != null && "examples".equals(parent.lastKey());
      }
      default -> {
        return false;
      }
    }
  }

  /** Returns why the reference is refused, or null (adding a local file target to files). */
  static String refuse(
      String ref,
      Path base,
      Path rootFolder,
      Path realRoot,
      LoadOptions options,
      List<Path> files) {
    if (ref.startsWith("#")) {
      return null;
    }
    if (SCHEME.matcher(ref).find() && !WINDOWS_DRIVE.matcher(ref).matches()) {
      String scheme = ref.substring(0, ref.indexOf(':')).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "$ref '"
            + ref
            + "' uses the "
            + scheme
            + ": scheme; only '#/...' pointers, relative files inside the document's folder and"
            + " allowed http(s) hosts are accepted";
      }
      String host;
      try {
        host = new URI(ref).getHost();
      } catch (URISyntaxException e) {
        return "$ref '" + ref + "' is not a valid URL";
      }
      if (host == null
          || !options.allowedRemoteRefHosts().contains(host.toLowerCase(Locale.ROOT))) {
        return "remote $ref '"
            + ref
            + "' is not fetched; copy the referenced part into the document or folder, or allow"
            + " the host with --allow-remote-refs "
            + (host == null ? "HOST" : host);
      }
      return null;
    }
    String pathPart = ref;
    int hash = pathPart.indexOf('#');
    if (hash >= 0) {
      pathPart = pathPart.substring(0, hash);
    }
    String decoded;
    try {
      decoded = JsonPointers.percentDecode(pathPart);
    } catch (IllegalArgumentException e) {
      return "$ref '" + ref + "' has a malformed %-escape";
    }
    if (decoded.isEmpty()) {
      return null;
    }
    if (decoded.startsWith("/")
        || decoded.startsWith("\\")
        || WINDOWS_DRIVE.matcher(decoded).matches()
        || decoded.indexOf('\0') >= 0) {
      return "$ref '"
          + ref
          + "' is an absolute path; refer to files relative to the document, inside its folder";
    }
    Path target = base.resolve(decoded.replace('\\', '/')).normalize();
    if (!target.startsWith(rootFolder)) {
      return "$ref '"
          + ref
          + "' points outside the document's folder ("
          + rootFolder
          + "); move the referenced file inside it";
    }
    if (!Files.isRegularFile(target)) {
      return "$ref '" + ref + "' names a file that does not exist (" + target + ")";
    }
    Path real = realOrNormal(target);
    if (!real.startsWith(realRoot)) {
      return "$ref '"
          + ref
          + "' resolves through a symbolic link to "
          + real
          + ", outside the document's folder; copy the file inside it";
    }
    files.add(real);
    return null;
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
