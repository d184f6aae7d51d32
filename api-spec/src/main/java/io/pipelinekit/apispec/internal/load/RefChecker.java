package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.RefWalk.Dialect;
import io.pipelinekit.apispec.internal.load.RefWalk.Kind;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every {@code $ref} of a raw tree before anything resolves it, by the rules of {@link
 * RefFiles}, and lists every refused one at once.
 *
 * <p>The document is walked whole, knowing where it is in the grammar ({@link RefWalk}): a {@code
 * $ref} is checked wherever the grammar makes it a reference, and only literal data (an example
 * value, a schema's default, ...) is skipped. From there the walk follows references: each target,
 * in this document or in a file (read through {@link RefFiles}: real path inside the folder, the
 * same limits, within the file budget), is walked as the kind of thing that referred to it, so a
 * target is checked as what it will be used as — also a part of the document that a walk from the
 * top saw as data.
 */
public final class RefChecker {
  private static final int MAX_PROBLEMS = 20;

  private RefChecker() {}

  /** A {@code $ref} that was refused, and where. */
  public record Problem(String where, String message) {}

  /** A reference's target still to walk: a (decoded) pointer into a document, and as what. */
  private record Pending(LoadedDocument doc, String pointer, Kind kind) {}

  /** Throws {@link ApiSpecException} listing every refused reference of the document tree. */
  public static void check(LoadedDocument document, LoadOptions options) {
    new Run(document, options).check();
  }

  private static final class Run {
    private final RefFiles files;
    private final Dialect dialect;
    private final List<Problem> problems = new ArrayList<>();
    private final Deque<Pending> pending = new ArrayDeque<>();

    /** Per document: the pointers walked from, and as what. */
    private final Map<LoadedDocument, Map<String, Set<Kind>>> walked = new IdentityHashMap<>();

    Run(LoadedDocument document, LoadOptions options) {
      this.files = RefFiles.rootedAt(document, options);
      this.dialect = Dialect.of(document.root());
      pending.add(new Pending(document, "", Kind.DOCUMENT));
    }

    void check() {
      try {
        while (!pending.isEmpty() && problems.size() < MAX_PROBLEMS) {
          Pending next = pending.poll();
          JsonNode node = uncovered(next);
          if (node == null) {
            continue;
          }
          walked
              .computeIfAbsent(next.doc(), d -> new HashMap<>())
              .computeIfAbsent(next.pointer(), p -> EnumSet.noneOf(Kind.class))
              .add(next.kind());
          Path base = files.baseOf(next.doc());
          RefWalk.walk(
              node,
              pathOf(next.pointer()),
              next.kind(),
              dialect,
              (ref, holder, kind) -> follow(next.doc(), base, ref, holder, kind));
        }
      } catch (ApiSpecException stop) {
        // A file that cannot be read, or the file budget spent: reported after what came before.
        problems.add(new Problem(null, stop.getMessage()));
      }
      if (!problems.isEmpty()) {
        StringBuilder message = new StringBuilder();
        for (Problem p : problems) {
          if (message.length() > 0) {
            message.append('\n');
          }
          message.append(p.where() == null ? "" : p.where() + ": ").append(p.message());
        }
        throw new ApiSpecException(message.toString());
      }
    }

    private void follow(LoadedDocument doc, Path base, String ref, NodePath holder, Kind kind) {
      if (problems.size() >= MAX_PROBLEMS) {
        return;
      }
      RefFiles.Target target = files.target(ref, base);
      String where = null;
      LoadedDocument into = doc;
      String fragment;
      if (target instanceof RefFiles.Local local) {
        fragment = local.fragment();
      } else if (target instanceof RefFiles.File file) {
        where = doc.locate(holder.key("$ref").pointer()).toString();
        into = files.open(file, where);
        fragment = file.fragment();
      } else if (target instanceof RefFiles.Refused refused) {
        where = doc.locate(holder.key("$ref").pointer()).toString();
        problems.add(new Problem(where, refused.message()));
        return;
      } else {
        return; // an allowed remote reference: never fetched
      }
      String pointer;
      try {
        pointer = JsonPointers.percentDecode(fragment);
      } catch (IllegalArgumentException e) {
        return; // names nothing: nothing resolves it
      }
      pending.add(new Pending(into, pointer, kind));
    }

    /**
     * The node {@code p} names, unless a walk already went over it as {@code p}'s kind (from the
     * node itself, or from an ancestor whose walk reached it as that kind, not as data) or there is
     * no such container node: then null. A reference from a place the grammar does not know ({@link
     * Kind#ANY}) says nothing about its target, so any walk over the target as structure covers it;
     * only a target that sits in data is walked again, as {@link Kind#ANY}.
     */
    private JsonNode uncovered(Pending p) {
      Map<String, Set<Kind>> byPointer = walked.getOrDefault(p.doc(), Map.of());
      // One descent from the top of the document along the pointer, carrying the kind each walk
      // that started at a prefix of it gives the node there.
      String pointer = p.pointer();
      List<Kind> kinds = new ArrayList<>(byPointer.getOrDefault("", Set.of()));
      // Walks that started below the top: looked up at each prefix (usually there are none).
      boolean below = byPointer.size() > (byPointer.containsKey("") ? 1 : 0);
      JsonNode node = p.doc().root();
      int start = 1;
      while (start <= pointer.length()) {
        int slash = pointer.indexOf('/', start);
        int end = slash < 0 ? pointer.length() : slash;
        String key = JsonPointers.unescape(pointer.substring(start, end));
        boolean array = node.isArray();
        node = array ? RefWalk.elementAt(node, key) : node.get(key);
        if (node == null) {
          return null;
        }
        for (int i = kinds.size() - 1; i >= 0; i--) {
          Kind k =
              array ? RefWalk.element(kinds.get(i)) : RefWalk.child(kinds.get(i), key, dialect);
          if (k == Kind.LITERAL) {
            kinds.remove(i);
          } else {
            kinds.set(i, k);
          }
        }
        if (below) {
          Set<Kind> here = byPointer.get(pointer.substring(0, end));
          if (here != null) {
            kinds.addAll(here);
          }
        }
        start = end + 1;
      }
      boolean covered = p.kind() == Kind.ANY ? !kinds.isEmpty() : kinds.contains(p.kind());
      return covered || !node.isContainerNode() ? null : node;
    }
  }

  /** The {@link NodePath} of a (decoded) JSON pointer. */
  private static NodePath pathOf(String pointer) {
    NodePath path = NodePath.ROOT;
    if (pointer.isEmpty()) {
      return path;
    }
    for (String segment : pointer.substring(1).split("/", -1)) {
      path = path.key(JsonPointers.unescape(segment));
    }
    return path;
  }
}
