// The bundled service's pipeline (service/definition's ServicePipeline) as a CDK app, for
// bench/build.sh to time `cdk synth` beside `pipeline build`. Same account, region, names, buildspec
// and stages; the pieces that exist outside the pipeline (artifact bucket, ECR repositories, ECS
// cluster and service, the GitHub connection) are imported by name or ARN, so synth makes no
// lookups and needs no AWS credentials. CDK writes the roles' least-privilege policies itself,
// as `pipeline build` writes iam/*.json. Run from bench/build.sh (plain JavaScript: no compile step).
const cdk = require('aws-cdk-lib');
const codebuild = require('aws-cdk-lib/aws-codebuild');
const codepipeline = require('aws-cdk-lib/aws-codepipeline');
const actions = require('aws-cdk-lib/aws-codepipeline-actions');
const ecr = require('aws-cdk-lib/aws-ecr');
const ecs = require('aws-cdk-lib/aws-ecs');
const iam = require('aws-cdk-lib/aws-iam');
const logs = require('aws-cdk-lib/aws-logs');
const s3 = require('aws-cdk-lib/aws-s3');

const account = '111122223333';
const region = 'eu-west-1';
const registry = `${account}.dkr.ecr.${region}.amazonaws.com`;
const app = new cdk.App(); // outdir: cdk synth's --output (CDK_OUTDIR)
const stack = new cdk.Stack(app, 'PipelinekitService', { env: { account, region } });

const bucket = s3.Bucket.fromBucketName(stack, 'Artifacts', `pipelinekit-artifacts-${account}-${region}`);
const appRepo = ecr.Repository.fromRepositoryName(stack, 'AppRepo', 'pipelinekit/service-app');
const nginxRepo = ecr.Repository.fromRepositoryName(stack, 'NginxRepo', 'pipelinekit/service-nginx');
const logGroup = logs.LogGroup.fromLogGroupName(stack, 'BuildLogs', '/aws/codebuild/pipelinekit-service');
const service = ecs.BaseService.fromServiceArnWithCluster(
  stack,
  'Service',
  `arn:aws:ecs:${region}:${account}:service/pipelinekit/pipelinekit-service`,
);

const image = (name) => `${registry}/pipelinekit/service-${name}:$IMAGE_TAG`;
const buildRole = new iam.Role(stack, 'BuildRole', {
  roleName: 'pipelinekit-service-codebuild',
  assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
});
const project = new codebuild.PipelineProject(stack, 'Build', {
  projectName: 'pipelinekit-service',
  description: "Builds and pushes the service's images, publishes its API",
  role: buildRole,
  environment: {
    buildImage: codebuild.LinuxBuildImage.AMAZON_LINUX_2_5,
    computeType: codebuild.ComputeType.SMALL,
    privileged: true,
  },
  timeout: cdk.Duration.minutes(30),
  queuedTimeout: cdk.Duration.minutes(480),
  cache: codebuild.Cache.local(codebuild.LocalCacheMode.DOCKER_LAYER, codebuild.LocalCacheMode.SOURCE),
  logging: { cloudWatch: { logGroup } },
  buildSpec: codebuild.BuildSpec.fromObject({
    version: '0.2',
    env: { variables: { DOCKER_BUILDKIT: '1' }, 'exported-variables': ['IMAGE_TAG'] },
    phases: {
      pre_build: {
        commands: [
          'IMAGE_TAG=$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c 1-7)',
          `aws ecr get-login-password --region ${region} | docker login --username AWS --password-stdin ${registry}`,
        ],
      },
      build: {
        commands: [
          `docker build --file service/release/app/Dockerfile --tag ${image('app')} .`,
          `docker build --file service/release/nginx/Dockerfile --tag ${image('nginx')} service/release/nginx`,
        ],
      },
      post_build: {
        commands: [
          'if [ "$CODEBUILD_BUILD_SUCCEEDING" != "1" ]; then echo "build failed: nothing is pushed or published"; exit 1; fi',
          `docker push ${image('app')}`,
          `docker push ${image('nginx')}`,
          `bin/pipeline image-definitions -o imagedefinitions.json app=${image('app')} nginx=${image('nginx')}`,
          'bin/pipeline merge service/api/openapi.yaml service/api/gateway.yaml -o openapi.yaml',
          'bin/pipeline deploy-api --rest-api-id a1b2c3d4e5 --stage dev --spec openapi.yaml',
        ],
      },
    },
    artifacts: { files: ['imagedefinitions.json'] },
  }),
});
appRepo.grantPullPush(project);
nginxRepo.grantPullPush(project);
project.addToRolePolicy(
  new iam.PolicyStatement({
    actions: ['apigateway:PUT', 'apigateway:POST', 'apigateway:GET'],
    resources: [`arn:aws:apigateway:${region}::/restapis/a1b2c3d4e5`, `arn:aws:apigateway:${region}::/restapis/a1b2c3d4e5/*`],
  }),
);

const source = new codepipeline.Artifact('Source');
const built = new codepipeline.Artifact('BuildOutput');
new codepipeline.Pipeline(stack, 'Pipeline', {
  pipelineName: 'pipelinekit-service',
  pipelineType: codepipeline.PipelineType.V2,
  role: new iam.Role(stack, 'PipelineRole', {
    roleName: 'pipelinekit-service-pipeline',
    assumedBy: new iam.ServicePrincipal('codepipeline.amazonaws.com'),
  }),
  artifactBucket: bucket,
  stages: [
    {
      stageName: 'Source',
      actions: [
        new actions.CodeStarConnectionsSourceAction({
          actionName: 'Source',
          connectionArn: `arn:aws:codeconnections:${region}:${account}:connection/3f2d9c1e-5b7a-4c8e-9d0f-1a2b3c4d5e6f`,
          owner: 'example-org',
          repo: 'pipelinekit',
          branch: 'main',
          output: source,
          variablesNamespace: 'SourceVariables',
        }),
      ],
    },
    {
      stageName: 'Build',
      actions: [
        new actions.CodeBuildAction({
          actionName: 'BuildImages',
          project,
          input: source,
          outputs: [built],
          variablesNamespace: 'BuildVariables',
        }),
      ],
    },
    {
      stageName: 'Deploy',
      actions: [
        new actions.EcsDeployAction({
          actionName: 'DeployService',
          service,
          imageFile: built.atPath('imagedefinitions.json'),
          deploymentTimeout: cdk.Duration.minutes(30),
        }),
      ],
    },
  ],
});
app.synth();
