package io.pipelinekit.service.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the Cognito claim that a {@link UserClaims} field is filled from, when it differs from the
 * field's own name (for example {@code cognito:username} for {@code username}). The API Gateway
 * mapping template is generated from these ({@link ClaimsMappingTemplate}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface ClaimSource {
  /** The claim's name in the Cognito token, e.g. {@code cognito:username}. */
  String value();
}
