package io.pipelinekit.apispec.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.DiffResult;
import io.pipelinekit.apispec.OpenApiDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityDiffTest {
  @TempDir Path dir;

  private DiffResult diff(String oldSecurity, String newSecurity) throws IOException {
    return OpenApiDiff.compare(
        Files.writeString(dir.resolve("old.yaml"), document(oldSecurity)),
        Files.writeString(dir.resolve("new.yaml"), document(newSecurity)));
  }

  /** A document with one operation whose security is given as the YAML lines of its list. */
  private static String document(String topLevelSecurity) {
    return """
        openapi: 3.0.3
        info:
          title: Secured
          version: 1.0.0
        paths:
          /orders:
            get:
              responses:
                '200':
                  description: The orders
            delete:
              security: []
              responses:
                '204':
                  description: Gone
        components:
          securitySchemes:
            cognito:
              type: oauth2
              flows:
                clientCredentials:
                  tokenUrl: https://auth.example.com/token
                  scopes:
                    orders.read: read
                    orders.write: write
            key:
              type: apiKey
              name: x-api-key
              in: header
        """
        + topLevelSecurity;
  }

  @Test
  void compare_globalSecurityAdded_breaksOperationsWithoutTheirOwn() throws IOException {
    DiffResult result = diff("", "security:\n  - key: []\n");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer, ApiChange::message)
        .containsExactly(
            tuple(
                "security-added",
                true,
                "/security",
                "GET /orders now requires key; clients without it are rejected."));
  }

  @Test
  void compare_scopeAddedToRequirement_isBreaking() throws IOException {
    DiffResult result =
        diff(
            "security:\n  - cognito: [orders.read]\n",
            "security:\n  - cognito: [orders.read, orders.write]\n");

    assertThat(result.changes())
        .extracting(ApiChange::message)
        .containsExactly(
            "GET /orders now requires cognito orders.read orders.write; clients using cognito"
                + " orders.read are rejected.");
  }

  @Test
  void compare_alternativeAdded_isNotAChange() throws IOException {
    DiffResult result =
        diff("security:\n  - key: []\n", "security:\n  - key: []\n  - cognito: [orders.read]\n");

    assertThat(result.changes()).isEmpty();
  }

  @Test
  void compare_securityRemoved_isNonBreaking() throws IOException {
    DiffResult result = diff("security:\n  - key: []\n", "");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking)
        .containsExactly(tuple("security-removed", false));
  }

  @Test
  void compare_optionalAuthenticationMadeMandatory_isBreaking() throws IOException {
    DiffResult result = diff("security:\n  - key: []\n  - {}\n", "security:\n  - key: []\n");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking)
        .containsExactly(tuple("security-added", true));
  }
}
