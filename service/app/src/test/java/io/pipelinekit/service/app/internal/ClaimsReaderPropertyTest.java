package io.pipelinekit.service.app.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.service.app.UserClaims;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class ClaimsReaderPropertyTest {

  private final ClaimsReader reader = new ClaimsReader();
  private final ObjectMapper json = new ObjectMapper();

  @Provide
  Arbitrary<String> claim() {
    // Any UTF-16 text, quotes, backslashes, control characters and astral code points included.
    return Arbitraries.strings().all().ofMaxLength(60).injectNull(0.2);
  }

  @Provide
  Arbitrary<UserClaims> claims() {
    Arbitrary<String> required = Arbitraries.strings().all().ofMaxLength(60);
    return Combinators.combine(
            required, required, claim(), claim(), claim(), claim(), claim(), claim())
        .as(UserClaims::new);
  }

  /** Lone surrogates included: Jackson writes them as \\uD800 escapes, which read back equal. */
  @Property
  void whatTheAppWrites_readsBackEqual(@ForAll("claims") UserClaims claims) {
    assertThat(reader.read(reader.write(claims))).isEqualTo(claims);
  }

  @Property
  void unknownFields_areIgnored(
      @ForAll("claims") UserClaims claims,
      @ForAll @StringLength(min = 1, max = 20) String field,
      @ForAll int value)
      throws Exception {
    ObjectNode body = json.valueToTree(claims);
    if (UserClaims.fieldNames().contains(field)) {
      return;
    }
    body.set(field, json.valueToTree(Map.of("nested", value)));
    assertThat(reader.read(json.writeValueAsBytes(body))).isEqualTo(claims);
  }

  @Property
  void arbitraryBytes_giveA400OrClaimsNeverAnotherFailure(@ForAll byte[] body) {
    try {
      reader.read(body);
    } catch (HttpProblem p) {
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.getMessage()).isNotBlank().doesNotContain("Source");
    }
  }

  @net.jqwik.api.Example
  void bytesJacksonReadsAsAnUnsupportedUcs4Order_giveA400() {
    // found by arbitraryBytes_giveA400OrClaimsNeverAnotherFailure: "Unsupported UCS-4 endianness"
    for (byte[] body : new byte[][] {{0, 0, 1, 0}, {0, 0, 13, 0, 82, -92}}) {
      assertThatThrownBy(() -> reader.read(body))
          .isInstanceOf(HttpProblem.class)
          .hasMessageContaining("not text in a JSON encoding");
    }
  }

  @Property
  void aNonStringClaim_isRejectedWithItsPointer(
      @ForAll("claims") UserClaims claims, @ForAll int value) throws Exception {
    ObjectNode body = json.valueToTree(claims);
    body.put("email", value);
    assertThatThrownBy(() -> reader.read(json.writeValueAsBytes(body)))
        .isInstanceOf(HttpProblem.class)
        .hasMessageContaining("/email must be a string, was number");
  }
}
