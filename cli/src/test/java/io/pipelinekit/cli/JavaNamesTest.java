package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** JavaNames judges names as javax.lang.model.SourceVersion (the oracle here) does. */
class JavaNamesTest {
  /** Words that are not keywords (contextual ones among them) and names that are not words. */
  private static final List<String> OTHERS =
      List.of(
          "record",
          "var",
          "yield",
          "sealed",
          "permits",
          "non-sealed",
          "module",
          "exports",
          "open",
          "opens",
          "requires",
          "transitive",
          "to",
          "uses",
          "provides",
          "with",
          "__",
          "$",
          "a1",
          "1a",
          "Shop",
          "ß",
          "é",
          "٣",
          "\uD83D\uDE00",
          "a\uD835\uDC00",
          "",
          ".",
          "a.",
          ".a",
          "com.example.shop",
          "com..example",
          "com.example.class",
          "com.example._",
          "Int",
          "CLASS");

  @Test
  void everyKeywordListed_isOneForSourceVersion() {
    assertThat(JavaNames.KEYWORDS).allMatch(SourceVersion::isKeyword).hasSize(54);
    for (String w : JavaNames.KEYWORDS) {
      assertThat(JavaNames.isName(w)).as(w).isFalse();
      assertThat(JavaNames.isName("com." + w + ".shop")).as(w).isFalse();
    }
  }

  @Test
  void otherWordsAndNames_asSourceVersion() {
    for (String w : OTHERS) {
      assertThat(JavaNames.isKeyword(w))
          .as("isKeyword(%s)", w)
          .isEqualTo(SourceVersion.isKeyword(w));
      assertThat(JavaNames.isIdentifier(w))
          .as("isIdentifier(%s)", w)
          .isEqualTo(SourceVersion.isIdentifier(w));
      assertThat(JavaNames.isName(w)).as("isName(%s)", w).isEqualTo(SourceVersion.isName(w));
    }
  }

  @Test
  void generatedNames_asSourceVersion() {
    // pieces that make identifiers, keywords, digits, dots, non-ASCII letters and non-letters
    String[] pieces = {
      "a",
      "z",
      "Q",
      "_",
      "$",
      "0",
      "7",
      ".",
      "-",
      " ",
      "é",
      "٣",
      "\uD83D\uDE00",
      "\uD835\uDC00",
      "int",
      "class",
      "record",
      "null",
      "com",
      "shop"
    };
    Random random = new Random(42);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(6); n >= 0; n--) {
        s.append(pieces[random.nextInt(pieces.length)]);
      }
      String name = s.toString();
      if (JavaNames.isName(name) != SourceVersion.isName(name)
          || JavaNames.isKeyword(name) != SourceVersion.isKeyword(name)) {
        disagreements.add(name);
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
