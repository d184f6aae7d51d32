package io.pipelinekit.buildspec.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small YAML document tree (block mappings, block sequences, scalars) that {@link YamlEmitter}
 * writes. The model types never see it: {@link BuildSpecDocument} translates a model into it.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

  /**
   * A scalar. A {@code verbatim} scalar (booleans written {@code yes}/{@code no}, the version
   * {@code 0.2}) is written as is; any other is a string, quoted as needed to read back unchanged.
   */
  record Scalar(String value, boolean verbatim) implements YamlNode {
    public Scalar {
      Objects.requireNonNull(value, "value");
    }

    public static Scalar string(String value) {
      return new Scalar(value, false);
    }

    public static Scalar verbatim(String value) {
      return new Scalar(value, true);
    }
  }

  /** A block sequence. */
  record Sequence(List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    public static Sequence ofStrings(List<String> values) {
      List<YamlNode> items = new ArrayList<>(values.size());
      for (String v : values) {
        items.add(Scalar.string(v));
      }
      return new Sequence(items);
    }
  }

  /** A block mapping whose entries keep insertion order. */
  record Mapping(Map<String, YamlNode> entries) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Mapping ofStrings(Map<String, String> values) {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      values.forEach((k, v) -> entries.put(k, Scalar.string(v)));
      return new Mapping(entries);
    }
  }
}
