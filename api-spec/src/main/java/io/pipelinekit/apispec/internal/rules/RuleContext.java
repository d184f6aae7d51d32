package io.pipelinekit.apispec.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.Finding;
import io.pipelinekit.apispec.Severity;
import io.pipelinekit.apispec.internal.LoadedDocument;
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

  RuleContext(LoadedDocument doc, Set<String> disabled) {
    this.doc = doc;
    this.root = doc.root();
    this.swagger2 = root.has("swagger");
    this.disabled = disabled;
  }

  void report(String ruleId, String pointer, String message) {
    report(ruleId, RuleCatalog.get(ruleId).severity(), pointer, message);
  }

  void report(String ruleId, Severity severity, String pointer, String message) {
    if (!disabled.contains(ruleId)) {
      findings.add(new Finding(ruleId, severity, doc.locate(pointer), message));
    }
  }

  /** Follows a local {@code $ref} chain ({@code #/...}); other refs and missing targets: null. */
  JsonNode deref(JsonNode node) {
    int hops = 0;
    while (node != null && node.isObject() && node.has("$ref") && hops++ < 32) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#")) {
        return null;
      }
      node = root.at(ref.substring(1));
      if (node.isMissingNode()) {
        return null;
      }
    }
    return node;
  }

  List<Finding> findings() {
    return findings;
  }

  static String child(String pointer, String key) {
    return pointer + "/" + LoadedDocument.escape(key);
  }
}
