package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The buildspec's {@code env} section: shell, plaintext variables, Parameter Store and Secrets
 * Manager references, exported variables and the git credential helper.
 *
 * <p>Validated when built: names starting {@code CODEBUILD_} are reserved by CodeBuild; exported
 * variables may not start {@code AWS_}; a name may appear in only one of variables, parameter-store
 * and secrets-manager; the shell is one CodeBuild supports.
 */
public final class BuildEnv {
  /** Shells CodeBuild accepts in {@code env.shell} (Linux: bash, /bin/sh; Windows). */
  public static final Set<String> SHELLS = Set.of("bash", "/bin/sh", "powershell.exe", "cmd.exe");

  private final String shell;
  private final Map<String, String> variables;
  private final Map<String, String> parameterStore;
  private final List<String> exportedVariables;
  private final Map<String, String> secretsManager;
  private final Boolean gitCredentialHelper;

  private BuildEnv(Builder b) {
    if (b.shell != null && !SHELLS.contains(b.shell)) {
      throw new BuildSpecException(
          "$.env.shell: '"
              + b.shell
              + "' is not a shell CodeBuild supports; use one of bash, /bin/sh (Linux) or"
              + " powershell.exe, cmd.exe (Windows)");
    }
    this.shell = b.shell;
    this.variables = Checks.textMap(b.variables, "$.env.variables");
    this.parameterStore = Checks.textMap(b.parameterStore, "$.env.parameter-store");
    this.secretsManager = Checks.textMap(b.secretsManager, "$.env.secrets-manager");
    this.exportedVariables = Checks.nonBlankList(b.exportedVariables, "$.env.exported-variables");
    this.gitCredentialHelper = b.gitCredentialHelper;

    Map<String, String> seen = new HashMap<>();
    checkNames(variables, "$.env.variables", seen);
    checkNames(parameterStore, "$.env.parameter-store", seen);
    checkNames(secretsManager, "$.env.secrets-manager", seen);
    for (Map.Entry<String, String> e : parameterStore.entrySet()) {
      Checks.nonBlank(e.getValue(), "$.env.parameter-store." + e.getKey());
    }
    for (Map.Entry<String, String> e : secretsManager.entrySet()) {
      Checks.nonBlank(e.getValue(), "$.env.secrets-manager." + e.getKey());
    }
    for (int i = 0; i < exportedVariables.size(); i++) {
      String name = exportedVariables.get(i);
      String path = "$.env.exported-variables[" + i + "]";
      if (name.startsWith("AWS_")) {
        throw new BuildSpecException(
            path
                + ": exported variable '"
                + name
                + "' starts with AWS_, which CodeBuild does not allow; export it under another"
                + " name");
      }
      if (name.startsWith("CODEBUILD_")) {
        throw new BuildSpecException(
            path
                + ": exported variable '"
                + name
                + "' starts with CODEBUILD_, a prefix reserved by CodeBuild; copy the value into a"
                + " variable of your own and export that");
      }
      if (exportedVariables.indexOf(name) != i) {
        throw new BuildSpecException(
            path + ": exported variable '" + name + "' is listed twice; remove the duplicate");
      }
    }
  }

  private static void checkNames(Map<String, String> map, String path, Map<String, String> seen) {
    for (String name : map.keySet()) {
      if (name.startsWith("CODEBUILD_")) {
        throw new BuildSpecException(
            path
                + "."
                + name
                + ": names starting CODEBUILD_ are reserved for CodeBuild's own variables;"
                + " rename the variable");
      }
      String earlier = seen.putIfAbsent(name, path);
      if (earlier != null) {
        throw new BuildSpecException(
            path
                + "."
                + name
                + ": the name is already defined in "
                + earlier
                + "; define each variable in only one place");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code env.shell}, if set. */
  public Optional<String> shell() {
    return Optional.ofNullable(shell);
  }

  /** Plaintext {@code env.variables}, in insertion order. */
  public Map<String, String> variables() {
    return variables;
  }

  /** {@code env.parameter-store}: variable name to SSM parameter name, in insertion order. */
  public Map<String, String> parameterStore() {
    return parameterStore;
  }

  /** {@code env.exported-variables}, in order. */
  public List<String> exportedVariables() {
    return exportedVariables;
  }

  /**
   * {@code env.secrets-manager}: variable name to {@code
   * secret-id:json-key:version-stage:version-id}, in insertion order.
   */
  public Map<String, String> secretsManager() {
    return secretsManager;
  }

  /** {@code env.git-credential-helper}, if set. */
  public Optional<Boolean> gitCredentialHelper() {
    return Optional.ofNullable(gitCredentialHelper);
  }

  boolean isEmpty() {
    return shell == null
        && variables.isEmpty()
        && parameterStore.isEmpty()
        && exportedVariables.isEmpty()
        && secretsManager.isEmpty()
        && gitCredentialHelper == null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof BuildEnv)) {
      return false;
    }
    BuildEnv e = (BuildEnv) o;
    return Objects.equals(shell, e.shell)
        && variables.equals(e.variables)
        && parameterStore.equals(e.parameterStore)
        && exportedVariables.equals(e.exportedVariables)
        && secretsManager.equals(e.secretsManager)
        && Objects.equals(gitCredentialHelper, e.gitCredentialHelper);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        shell, variables, parameterStore, exportedVariables, secretsManager, gitCredentialHelper);
  }

  @Override
  public String toString() {
    return "BuildEnv{shell="
        + shell
        + ", variables="
        + variables.keySet()
        + ", parameterStore="
        + parameterStore
        + ", exportedVariables="
        + exportedVariables
        + ", secretsManager="
        + secretsManager.keySet()
        + ", gitCredentialHelper="
        + gitCredentialHelper
        + "}";
  }

  /** Builds a {@link BuildEnv}. */
  public static final class Builder {
    private String shell;
    private Map<String, String> variables = new LinkedHashMap<>();
    private Map<String, String> parameterStore = new LinkedHashMap<>();
    private List<String> exportedVariables = new ArrayList<>();
    private Map<String, String> secretsManager = new LinkedHashMap<>();
    private Boolean gitCredentialHelper;

    private Builder() {}

    private Builder(BuildEnv e) {
      this.shell = e.shell;
      this.variables = new LinkedHashMap<>(e.variables);
      this.parameterStore = new LinkedHashMap<>(e.parameterStore);
      this.exportedVariables = new ArrayList<>(e.exportedVariables);
      this.secretsManager = new LinkedHashMap<>(e.secretsManager);
      this.gitCredentialHelper = e.gitCredentialHelper;
    }

    public Builder shell(String shell) {
      this.shell = shell;
      return this;
    }

    public Builder variables(Map<String, String> variables) {
      this.variables = new LinkedHashMap<>(Objects.requireNonNull(variables, "variables"));
      return this;
    }

    public Builder putVariable(String name, String value) {
      this.variables.put(name, value);
      return this;
    }

    public Builder parameterStore(Map<String, String> parameterStore) {
      this.parameterStore =
          new LinkedHashMap<>(Objects.requireNonNull(parameterStore, "parameterStore"));
      return this;
    }

    public Builder putParameterStore(String name, String parameterName) {
      this.parameterStore.put(name, parameterName);
      return this;
    }

    public Builder exportedVariables(List<String> exportedVariables) {
      this.exportedVariables =
          new ArrayList<>(Objects.requireNonNull(exportedVariables, "exportedVariables"));
      return this;
    }

    public Builder exportedVariables(String... exportedVariables) {
      return exportedVariables(
          Arrays.asList(Objects.requireNonNull(exportedVariables, "exportedVariables")));
    }

    public Builder secretsManager(Map<String, String> secretsManager) {
      this.secretsManager =
          new LinkedHashMap<>(Objects.requireNonNull(secretsManager, "secretsManager"));
      return this;
    }

    public Builder putSecretsManager(String name, String secretReference) {
      this.secretsManager.put(name, secretReference);
      return this;
    }

    public Builder gitCredentialHelper(Boolean gitCredentialHelper) {
      this.gitCredentialHelper = gitCredentialHelper;
      return this;
    }

    public BuildEnv build() {
      return new BuildEnv(this);
    }
  }
}
