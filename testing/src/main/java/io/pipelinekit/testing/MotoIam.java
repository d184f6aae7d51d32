package io.pipelinekit.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * IAM roles in moto through IAM's query API (no IAM SDK module needed): moto's CodePipeline wants
 * the pipeline's role to exist and to trust {@code codepipeline.amazonaws.com}.
 */
public final class MotoIam {
  /** moto's default account. */
  public static final String ACCOUNT = "123456789012";

  private MotoIam() {}

  /** Creates a role that {@code service} (e.g. codepipeline.amazonaws.com) may assume; its ARN. */
  public static String createServiceRole(URI moto, String roleName, String service) {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\""
            + service
            + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    String form =
        "Action=CreateRole&Version=2010-05-08&RoleName="
            + URLEncoder.encode(roleName, StandardCharsets.UTF_8)
            + "&AssumeRolePolicyDocument="
            + URLEncoder.encode(trust, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(moto.resolve("/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 && !response.body().contains("EntityAlreadyExists")) {
        throw new IllegalStateException(
            "moto CreateRole answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto CreateRole failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return "arn:aws:iam::" + ACCOUNT + ":role/" + roleName;
  }
}
