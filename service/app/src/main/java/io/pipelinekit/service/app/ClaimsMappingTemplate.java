package io.pipelinekit.service.app;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Generates the API Gateway request mapping template (VTL) that turns the Cognito authorizer's
 * claims into the JSON body {@code POST /test} binds to {@link UserClaims}. {@code
 * service/api/gateway.yaml} carries its output verbatim; a test fails when they differ.
 *
 * <p>Each value is escaped for JSON with {@code $util.escapeJavaScript(...)}, whose {@code \'} is
 * turned back into {@code '} (JSON knows no {@code \'} escape); the quiet reference {@code $!}
 * renders an absent claim as an empty string rather than as the template text.
 */
public final class ClaimsMappingTemplate {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SAFE_CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-]+");

  /** A VTL comment (not sent to the app) saying where the template comes from. */
  static final String HEADER =
      "## Generated from service/app UserClaims by ClaimsMappingTemplate: edit the record, not"
          + " this.\n";

  private ClaimsMappingTemplate() {}

  /** One mapped claim: the JSON field the app reads and the claim it is filled from. */
  public record Mapping(String field, String claim) {}

  /** The mappings, in {@link UserClaims}' declaration order. */
  public static List<Mapping> mappings() {
    List<Mapping> mappings = new ArrayList<>();
    for (RecordComponent component : UserClaims.class.getRecordComponents()) {
      ClaimSource source = component.getAnnotation(ClaimSource.class);
      String claim = source == null ? component.getName() : source.value();
      if (!SAFE_CLAIM.matcher(claim).matches()) {
        throw new IllegalStateException(
            "claim name '"
                + claim
                + "' on UserClaims."
                + component.getName()
                + " has characters a mapping template cannot quote; use letters, digits, _ : . -");
      }
      mappings.add(new Mapping(component.getName(), claim));
    }
    return List.copyOf(mappings);
  }

  /** The VTL expression that reads {@code claim} from the authorizer's claims. */
  static String claimReference(String claim) {
    return IDENTIFIER.matcher(claim).matches()
        ? "$context.authorizer.claims." + claim
        : "$context.authorizer.claims['" + claim + "']";
  }

  /** The template text, ending in a newline. */
  public static String render() {
    StringBuilder out = new StringBuilder(HEADER).append("{\n");
    List<Mapping> mappings = mappings();
    for (int i = 0; i < mappings.size(); i++) {
      Mapping m = mappings.get(i);
      out.append("  \"")
          .append(m.field())
          .append("\": \"$!util.escapeJavaScript(")
          .append(claimReference(m.claim()))
          .append(").replaceAll(\"\\\\'\",\"'\")\"")
          .append(i + 1 < mappings.size() ? ",\n" : "\n");
    }
    return out.append("}\n").toString();
  }
}
