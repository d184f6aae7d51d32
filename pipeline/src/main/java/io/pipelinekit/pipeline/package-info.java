/**
 * Pipelines as typed Java: the model of a CodePipeline pipeline and its CodeBuild projects, the
 * rules they are checked against when built, and their synthesis into the files AWS takes.
 *
 * <h2>Defining a pipeline</h2>
 *
 * <pre>{@code
 * public final class MyPipeline implements PipelineDefinition {
 *   public Pipeline define(Parameters p) {
 *     String account = p.get("account", "111122223333");
 *     CodeBuildProject build = CodeBuildProject.builder()
 *         .name("my-service")
 *         .serviceRoleArn("arn:aws:iam::" + account + ":role/my-service-codebuild")
 *         .images(ContainerImage.of("app", "my-service/app", "Dockerfile"))
 *         .build();
 *     return Pipeline.builder()
 *         .name("my-service").account(account).region("eu-west-1")
 *         .roleArn("arn:aws:iam::" + account + ":role/my-service-pipeline")
 *         .artifactBucket("my-service-artifacts-" + account)
 *         .stages(
 *             Stage.named("Source", Source.gitHub(connectionArn, "acme/my-service", "main")),
 *             Stage.named("Build", CodeBuildAction.builder().project(build)
 *                 .inputs("Source").outputs("BuildOutput").build()),
 *             Stage.named("Deploy", EcsDeployAction.builder().input("BuildOutput")
 *                 .clusterName("main").serviceName("my-service")
 *                 .taskDefinition(TaskDefinition.builder().family("my-service").containers("app")
 *                     .taskRoleArn(...).executionRoleArn(...).build())
 *                 .build()))
 *         .build(); // checks every rule; all problems in one DefinitionException
 *   }
 * }
 * }</pre>
 *
 * <p>{@code PIPELINE_CLASSPATH=my-defs.jar bin/pipeline build --definition MyPipeline -P
 * account=444455556666} writes {@code buildspec.yaml}, {@code pipeline.json}, {@code
 * codebuild-project.json}, {@code iam/*.json}, {@code pipeline.mmd} and the merged {@code
 * openapi.yaml} into {@code build/pipeline/}; {@link io.pipelinekit.pipeline.Synthesis} gives the
 * same files to code ({@code pipeline apply} uses it).
 *
 * <p>Model types are immutable, built with builders ({@code builder()}, {@code toBuilder()}); this
 * package and {@code .internal} never use the AWS SDK (SDK calls live in {@code .aws}).
 */
package io.pipelinekit.pipeline;
