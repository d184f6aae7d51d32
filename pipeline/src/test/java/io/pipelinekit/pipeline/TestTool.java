package io.pipelinekit.pipeline;

/**
 * A fixed {@link ToolArtifact} for tests that synthesize buildspecs installing the tool from a
 * Maven repository. {@code pipeline build} and the Maven plugin pass the real one (the version and
 * SHA-256 of the running command line's jar); the golden files carry this one.
 */
public final class TestTool {
  public static final String VERSION = "0.1.0-test";

  /** The SHA-256 of the bytes "pipelinekit test tool\n" (not of a real jar). */
  public static final String SHA256 =
      "f613c65f3f5901edc83b33e4f3fb84805679a32d7d1a388d59cd6d6bd8339f7b";

  public static final ToolArtifact ARTIFACT = ToolArtifact.of(VERSION, SHA256);

  private TestTool() {}
}
