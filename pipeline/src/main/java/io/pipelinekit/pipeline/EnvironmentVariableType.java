package io.pipelinekit.pipeline;

/** Where a CodeBuild environment variable's value comes from. */
public enum EnvironmentVariableType {
  /** The value itself; visible in the console and the API: never for secrets. */
  PLAINTEXT,
  /** The value is the name of a Systems Manager Parameter Store parameter. */
  PARAMETER_STORE,
  /** The value is a Secrets Manager secret id ({@code secret-id:json-key:version-stage:...}). */
  SECRETS_MANAGER
}
