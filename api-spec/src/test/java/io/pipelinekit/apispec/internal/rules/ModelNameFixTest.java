package io.pipelinekit.apispec.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The suggested model name is what {@code replaceAll("[^A-Za-z0-9]", "")} made of it. */
class ModelNameFixTest {
  private static final String CHARS =
      "aZz09_.-~ /\u00e9\u00c9\u0663\uff21\u00b2\u0130\u212a\uD83D\uDE00\uD800x";

  @Test
  void alphanumeric_isTheRegexReplacement_onGeneratedNames() {
    Random random = new Random(15);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        sb.append(CHARS.charAt(random.nextInt(CHARS.length())));
      }
      String name = sb.toString();
      assertThat(ApiLevelRules.alphanumeric(name))
          .as(name)
          .isEqualTo(name.replaceAll("[^A-Za-z0-9]", ""));
    }
    assertThat(ApiLevelRules.alphanumeric("issuing.card_v2")).isEqualTo("issuingcardv2");
  }
}
