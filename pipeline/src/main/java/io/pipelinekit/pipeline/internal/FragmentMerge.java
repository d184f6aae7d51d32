package io.pipelinekit.pipeline.internal;

import io.pipelinekit.apispec.OpenApiMerger;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a synthesis merges an API's fragments into the document it writes: {@link
 * OpenApiMerger#merge} of the fragment files, unless a caller runs the synthesis with another way
 * that gives the same text ({@code pipeline build} answers a merge of fragments it merged before
 * from its cache). Scoped to the calling thread and the work given, like nothing else changes.
 */
public final class FragmentMerge {
  private static final ThreadLocal<Function<List<Path>, String>> MERGE = new ThreadLocal<>();

  private FragmentMerge() {}

  /** The merged document of {@code fragments} (real paths inside the source root, in order). */
  public static String merge(List<Path> fragments) {
    Function<List<Path>, String> merge = MERGE.get();
    return merge == null ? standard(fragments) : merge.apply(fragments);
  }

  /** {@link OpenApiMerger#merge} of the files, as YAML: what every other way must give. */
  public static String standard(List<Path> fragments) {
    return OpenApiMerger.merge(fragments).yaml();
  }

  /** Runs {@code work} on this thread with {@code merge} merging the fragments of its syntheses. */
  public static <T> T using(Function<List<Path>, String> merge, Supplier<T> work) {
    Objects.requireNonNull(merge, "merge");
    Function<List<Path>, String> outer = MERGE.get();
    MERGE.set(merge);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        MERGE.remove();
      } else {
        MERGE.set(outer);
      }
    }
  }
}
