package io.pipelinekit.apispec.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One run of the rules over one document: the tree, and where findings go. */
final class RuleContext {
  final LoadedDocument doc;
  final JsonNode root;
  final boolean swagger2;
  private final Set<String> disabled;
  private final List<Finding> findings = new ArrayList<>();

  private final LoadOptions loadOptions;
  private final Path rootFolder;
  private final Map<Path, JsonNode> external = new HashMap<>();

  RuleContext(LoadedDocument doc, Set<String> disabled, LoadOptions loadOptions) {
    this.doc = doc;
    this.root = doc.root();
    this.swagger2 = root.has("swagger");
    this.disabled = disabled;
    this.loadOptions = loadOptions;
    Path parent = doc.file().toAbsolutePath().normalize().getParent();
    this.rootFolder = parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /** A node reached through {@code $ref}s, with the document and folder its own refs resolve in. */
  record Resolved(JsonNode node, JsonNode docRoot, Path base) {}

  Resolved start(JsonNode node) {
    return new Resolved(node, root, rootFolder);
  }

  /**
   * Follows a {@code $ref} chain from {@code node}, which sits in {@code from}'s document: local
   * pointers, and relative files inside the document's folder (already checked safe by the loader;
   * read with the same limits). Remote refs and missing targets give null.
   */
  Resolved resolve(JsonNode node, Resolved from) {
    JsonNode docRoot = from.docRoot();
    Path base = from.base();
    int hops = 0;
    while (node != null && node.isObject() && node.has("$ref") && hops++ < 32) {
      String ref = node.get("$ref").asText();
      int hash = ref.indexOf('#');
      String filePart = hash < 0 ? ref : ref.substring(0, hash);
      String fragment = hash < 0 ? "" : ref.substring(hash + 1);
      if (!filePart.isEmpty()) {
        if (filePart.contains(":")) {
          return null;
        }
        Path target;
        try {
          target = base.resolve(JsonPointers.percentDecode(filePart)).normalize();
        } catch (IllegalArgumentException e) {
          return null;
        }
        if (!target.startsWith(rootFolder) || !java.nio.file.Files.isRegularFile(target)) {
          return null;
        }
        docRoot = external.computeIfAbsent(target, t -> SafeLoader.parse(t, loadOptions).root());
        base = target.getParent();
      }
      node = JsonPointers.atFragment(docRoot, fragment);
      if (node.isMissingNode()) {
        return null;
      }
    }
    return node == null ? null : new Resolved(node, docRoot, base);
  }

  void report(String ruleId, String pointer, String message) {
    report(ruleId, RuleCatalog.get(ruleId).severity(), pointer, message);
  }

  void report(String ruleId, Severity severity, String pointer, String message) {
    if (!disabled.contains(ruleId)) {
      findings.add(new Finding(ruleId, severity, doc.locate(pointer), message));
    }
  }

  /** {@link #resolve} from the main document; just the node. */
  JsonNode deref(JsonNode node) {
    Resolved r = resolve(node, start(node));
    return r == null ? null : r.node();
  }

  List<Finding> findings() {
    return findings;
  }

  static String child(String pointer, String key) {
    return pointer + "/" + JsonPointers.escape(key);
  }
}
