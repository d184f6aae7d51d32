package io.pipelinekit.pipeline;

/** Test fixtures for tests in other packages. */
public final class FixturesAccess {
  private FixturesAccess() {}

  public static Pipeline valid() {
    return Fixtures.valid().build();
  }
}
