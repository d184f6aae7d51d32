package io.pipelinekit.service.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The user claims that API Gateway's mapping template passes from the Cognito user-pool authorizer
 * to {@code POST /test}. This record is the one place a claim is declared: the mapping template in
 * {@code service/api/gateway.yaml} is generated from it ({@link ClaimsMappingTemplate}) and the
 * contract test checks {@code service/api/openapi.yaml}'s {@code Claims} schema against it.
 *
 * <p>Each value is a string of at most {@link #MAX_LENGTH} characters; {@link #REQUIRED} claims
 * must be present, the others may be absent (API Gateway renders an absent claim as {@code ""}).
 *
 * @param sub the user's unique, immutable id in the user pool
 * @param username the user name ({@code cognito:username})
 * @param birthdate the birth date as the user pool holds it ({@code YYYY-MM-DD})
 * @param gender the gender
 * @param name the full name
 * @param locale the locale, e.g. {@code en-US}
 * @param email the e-mail address
 * @param picture the URL of the profile picture
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserClaims(
    String sub,
    @ClaimSource("cognito:username") String username,
    String birthdate,
    String gender,
    String name,
    String locale,
    String email,
    String picture) {

  /** Longest accepted claim value (Cognito's limit for a standard attribute's value). */
  public static final int MAX_LENGTH = 2048;

  /** Claims a request must carry. */
  public static final Set<String> REQUIRED = Set.of("sub", "username");

  /** The claims' JSON names, in declaration order. */
  public static List<String> fieldNames() {
    return Arrays.stream(UserClaims.class.getRecordComponents())
        .map(RecordComponent::getName)
        .toList();
  }
}
