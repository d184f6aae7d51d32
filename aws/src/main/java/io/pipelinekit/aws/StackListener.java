package io.pipelinekit.aws;

/**
 * What {@link StackDeployer} reports while it works: retries and warnings (as {@link
 * PublishListener}), and each new stack event while a change set is executed. Every method has a
 * no-op default; library code never prints.
 */
public interface StackListener extends PublishListener {
  /** A listener that ignores everything. */
  StackListener NONE = new StackListener() {};

  /** A stack event that happened while this run's change set was executed, oldest first. */
  default void event(StackEvent event) {}

  /** The template {@code file} was uploaded to {@code location} ({@code s3://BUCKET/KEY}). */
  default void uploaded(java.nio.file.Path file, String location, long bytes) {}
}
