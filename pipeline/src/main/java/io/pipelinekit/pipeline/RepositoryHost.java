package io.pipelinekit.pipeline;

/** The Git hosts a CodeConnections (CodeStarSourceConnection) source can read from. */
public enum RepositoryHost {
  GITHUB("GitHub"),
  GITHUB_ENTERPRISE_SERVER("GitHub Enterprise Server"),
  BITBUCKET("Bitbucket"),
  GITLAB("GitLab"),
  GITLAB_SELF_MANAGED("GitLab self-managed");

  private final String displayName;

  RepositoryHost(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
