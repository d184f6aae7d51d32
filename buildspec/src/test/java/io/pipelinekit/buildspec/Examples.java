package io.pipelinekit.buildspec;

/** Example models shared by tests. */
final class Examples {
  private Examples() {}

  /** The buildspec of a container service: two images, an API publish, reports and a cache. */
  static BuildSpec containerService() {
    String registry = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
    return BuildSpec.builder()
        .env(
            e ->
                e.shell("bash")
                    .putVariable("REGISTRY", registry)
                    .putVariable("APP_REPOSITORY", registry + "/shop/app")
                    .putVariable("NGINX_REPOSITORY", registry + "/shop/nginx")
                    .putVariable("DOCKER_BUILDKIT", "1")
                    .putVariable("API_STAGE", "dev")
                    .putVariable("FEATURE_FLAG", "yes")
                    .putParameterStore("REST_API_ID", "/shop/rest-api-id")
                    .putSecretsManager("SONAR_TOKEN", "shop/sonar:token")
                    .exportedVariables("IMAGE_TAG")
                    .gitCredentialHelper(true))
        .install(
            p ->
                p.putRuntimeVersion("java", "corretto21")
                    .putRuntimeVersion("python", "3.10")
                    .commands("java -version"))
        .preBuild(
            p ->
                p.commands(
                    "aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login"
                        + " --username AWS --password-stdin $REGISTRY",
                    "export IMAGE_TAG=$(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7)",
                    "echo image tag: $IMAGE_TAG"))
        .build(
            p ->
                p.onFailure(Phase.OnFailure.ABORT)
                    .commands(
                        "docker build -t $APP_REPOSITORY:$IMAGE_TAG -f release/app/Dockerfile .",
                        "docker build -t $NGINX_REPOSITORY:$IMAGE_TAG release/nginx",
                        "mvn -B verify # tests")
                    .finallyCommands("echo build done"))
        .postBuild(
            p ->
                p.commands(
                    "if [ \"$CODEBUILD_BUILD_SUCCEEDING\" != \"1\" ]; then echo 'build failed,"
                        + " nothing pushed'; exit 1; fi",
                    "docker push $APP_REPOSITORY:$IMAGE_TAG",
                    "docker push $NGINX_REPOSITORY:$IMAGE_TAG",
                    "pipeline image-definitions -o imagedefinitions.json"
                        + " app=$APP_REPOSITORY:$IMAGE_TAG nginx=$NGINX_REPOSITORY:$IMAGE_TAG",
                    "pipeline deploy-api --rest-api-id $REST_API_ID --stage $API_STAGE --spec"
                        + " openapi.yaml"))
        .putReport(
            "unit-tests",
            r ->
                r.files("**/TEST-*.xml")
                    .baseDirectory("target/surefire-reports")
                    .fileFormat(ReportGroup.FileFormat.JUNITXML))
        .artifacts(
            a ->
                a.files("imagedefinitions.json", "openapi.yaml")
                    .discardPaths(true)
                    .putSecondaryArtifact(
                        "ApiSpec", s -> s.files("openapi.yaml").baseDirectory("build/api")))
        .cache(c -> c.paths("/root/.m2/**/*", "/root/.cache/pip/**/*"))
        .build();
  }
}
