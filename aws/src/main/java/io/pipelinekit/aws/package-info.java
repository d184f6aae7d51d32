/**
 * The AWS side of the command line: {@link io.pipelinekit.aws.AwsClients} (clients that honour
 * {@code --region}, {@code --profile}, {@code --endpoint-url}) and {@link
 * io.pipelinekit.aws.PipelineApplier} ({@code pipeline apply}). API publishing itself ({@code
 * deploy-api}, {@code rollback-api}) is {@link io.pipelinekit.aws.RestApiPublisher}. The pipeline
 * model never imports this package.
 *
 * <h2>Try it locally (no AWS account: moto)</h2>
 *
 * <pre>
 * bin/test -q -DskipTests                      # once: installs moto[server] into .venv/
 * .venv/bin/moto_server -H 127.0.0.1 -p 5000 &amp;
 * export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
 * export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1     # the Java SDK reads the first, boto3 the second
 * API=$(.venv/bin/python -c "import boto3; print(boto3.client('apigateway',
 *     endpoint_url='http://127.0.0.1:5000').create_rest_api(name='demo')['id'])")
 * bin/pipeline merge service/api/openapi.yaml service/api/gateway.yaml -o /tmp/api.yaml
 * bin/pipeline deploy-api --endpoint-url http://127.0.0.1:5000 \
 *     --rest-api-id $API --stage dev --spec /tmp/api.yaml
 * #  deployed ... deployment id: ... invoke URL: https://$API.execute-api.us-east-1.amazonaws.com/dev
 * bin/pipeline deploy-api ... (same again)     # "unchanged": nothing written
 * bin/pipeline rollback-api --endpoint-url http://127.0.0.1:5000 --rest-api-id $API --stage dev
 * </pre>
 *
 * <h2>In CodeBuild</h2>
 *
 * The generated buildspec's {@code post_build} (after the images are pushed, guarded on {@code
 * CODEBUILD_BUILD_SUCCEEDING}) runs {@code pipeline merge ... -o openapi.yaml} then {@code pipeline
 * deploy-api --rest-api-id ID --stage S --spec openapi.yaml}, with the {@code pipeline} its {@code
 * install} phase put on {@code PATH}. CodeBuild's container credentials and {@code AWS_REGION} are
 * picked up by the default chains; {@code CODEBUILD_RESOLVED_SOURCE_VERSION} becomes the commit in
 * the deployment description. Throttled calls are retried for up to {@code --max-retry-time} (2
 * minutes), one line each on standard error.
 */
package io.pipelinekit.aws;
