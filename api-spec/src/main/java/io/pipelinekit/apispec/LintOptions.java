package io.pipelinekit.apispec;

import java.util.Objects;
import java.util.Set;

/** How {@link OpenApiLinter} reads and checks a document. */
public final class LintOptions {
  private static final LintOptions DEFAULTS = builder().build();

  private final LoadOptions loadOptions;
  private final Set<String> disabledRules;

  private LintOptions(Builder b) {
    this.loadOptions = Objects.requireNonNull(b.loadOptions, "loadOptions");
    this.disabledRules = Set.copyOf(b.disabledRules);
  }

  public static LintOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().loadOptions(loadOptions).disabledRules(disabledRules);
  }

  /** Limits and permissions for reading the document. */
  public LoadOptions loadOptions() {
    return loadOptions;
  }

  /** Rule ids not to run. */
  public Set<String> disabledRules() {
    return disabledRules;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LintOptions other
        && loadOptions.equals(other.loadOptions)
        && disabledRules.equals(other.disabledRules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(loadOptions, disabledRules);
  }

  /** Builds {@link LintOptions}. */
  public static final class Builder {
    private LoadOptions loadOptions = LoadOptions.defaults();
    private Set<String> disabledRules = Set.of();

    private Builder() {}

    public Builder loadOptions(LoadOptions loadOptions) {
      this.loadOptions = Objects.requireNonNull(loadOptions, "loadOptions");
      return this;
    }

    public Builder loadOptions(java.util.function.Consumer<LoadOptions.Builder> change) {
      LoadOptions.Builder b = loadOptions.toBuilder();
      change.accept(b);
      this.loadOptions = b.build();
      return this;
    }

    public Builder disabledRules(Set<String> ruleIds) {
      this.disabledRules = Set.copyOf(ruleIds);
      return this;
    }

    public LintOptions build() {
      return new LintOptions(this);
    }
  }
}
