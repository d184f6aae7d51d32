package io.pipelinekit.apispec.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.RefFiles;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One run of the rules over one document: the tree, and where findings go. */
final class RuleContext {
  final LoadedDocument doc;
  final JsonNode root;
  final boolean swagger2;
  private final Set<String> disabled;
  private final List<Finding> findings = new ArrayList<>();

  /** Every file a {@code $ref} names is opened here: confined, budgeted, read once. */
  private final RefFiles files;

  RuleContext(LoadedDocument doc, Set<String> disabled, LoadOptions loadOptions) {
    this.doc = doc;
    this.root = doc.root();
    this.swagger2 = root.has("swagger");
    this.disabled = disabled;
    this.files = RefFiles.rootedAt(doc, loadOptions);
  }

  /** A node reached through {@code $ref}s, with the document and folder its own refs resolve in. */
  record Resolved(JsonNode node, LoadedDocument in, Path base) {}

  Resolved start(JsonNode node) {
    return new Resolved(node, doc, files.rootFolder());
  }

  /**
   * Follows a {@code $ref} chain from {@code node}, which sits in {@code from}'s document: local
   * pointers, and files through {@link RefFiles} (the loader checked them already; a file that
   * moved out of the folder since is an error, not read). Remote refs and missing targets give
   * null.
   */
  Resolved resolve(JsonNode node, Resolved from) {
    LoadedDocument in = from.in();
    Path base = from.base();
    int hops = 0;
    while (node != null && node.isObject() && node.has("$ref") && hops++ < 32) {
      String ref = node.get("$ref").asText();
      RefFiles.Target target = files.target(ref, base);
      String fragment;
      if (target instanceof RefFiles.Local local) {
        fragment = local.fragment();
      } else if (target instanceof RefFiles.File file) {
        in = files.open(file, in.file().toString());
        base = files.baseOf(in);
        fragment = file.fragment();
      } else if (target instanceof RefFiles.Refused refused) {
        throw new ApiSpecException(in.file() + ": " + refused.message());
      } else {
        return null;
      }
      node = JsonPointers.atFragment(in.root(), fragment);
      if (node.isMissingNode()) {
        return null;
      }
    }
    return node == null ? null : new Resolved(node, in, base);
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
