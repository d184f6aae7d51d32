package io.pipelinekit.apispec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenApiLinter#looksLikeOpenApi} (a scan without a regular expression) answers as the
 * regular expression it replaced, on generated texts full of near misses.
 */
class LooksLikeOpenApiTest {
  /** What looksLikeOpenApi was: this regex over the first 64 KiB, or a quoted key there. */
  private static final Pattern OPENAPI_KEY =
      Pattern.compile("(?m)^(\\s*\\{\\s*)?[\"']?(openapi|swagger)[\"']?\\s*:");

  private static final int HEAD = 65_536;

  private static boolean regex(String text) {
    String head = text.length() > HEAD ? text.substring(0, HEAD) : text;
    return OPENAPI_KEY.matcher(head).find()
        || head.contains("\"openapi\"")
        || head.contains("\"swagger\"");
  }

  private static final String[] PARTS = {
    "openapi",
    "swagger",
    "openap",
    "xopenapi",
    "\"",
    "'",
    ":",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u000B",
    "\f",
    "\u0085",
    "\u2028",
    "\u2029",
    "\u00A0",
    "{",
    "}",
    "[",
    "x",
    "-",
    "#",
    "é",
    "\uD83D\uDE00",
    "info",
    "  ",
    "\"openapi\"",
    "'swagger'",
  };

  @Test
  void looksLikeOpenApi_answersAsTheRegex_onGeneratedTexts() {
    Random random = new Random(15);
    int matches = 0;
    for (int n = 0; n < 50_000; n++) {
      String text = generate(random, random.nextInt(14));
      boolean expected = regex(text);
      assertThat(OpenApiLinter.looksLikeOpenApi(text)).as(escape(text)).isEqualTo(expected);
      matches += expected ? 1 : 0;
    }
    assertThat(matches).isBetween(5_000, 45_000);
  }

  @Test
  void looksLikeOpenApi_answersAsTheRegex_aroundTheEndOfTheFirst64KiB() {
    Random random = new Random(16);
    int matches = 0;
    for (int n = 0; n < 400; n++) {
      StringBuilder filler = new StringBuilder();
      int length = HEAD - 24 + random.nextInt(40);
      while (filler.length() < length) {
        filler.append(random.nextBoolean() ? "a: b\n" : "  c\r\n");
      }
      filler.setLength(length);
      String text = filler + generate(random, 2 + random.nextInt(8)) + "\nopenapi: 3.0.0\n";
      boolean expected = regex(text);
      assertThat(OpenApiLinter.looksLikeOpenApi(text))
          .as(escape(text.substring(HEAD - 30)))
          .isEqualTo(expected);
      matches += expected ? 1 : 0;
    }
    assertThat(matches).isBetween(20, 380);
  }

  @Test
  void looksLikeOpenApi_findsKeysWhereDocumentsPutThem() {
    assertThat(OpenApiLinter.looksLikeOpenApi("openapi: 3.0.0\n")).isTrue();
    assertThat(OpenApiLinter.looksLikeOpenApi("# c\n'swagger' : \"2.0\"\n")).isTrue();
    assertThat(OpenApiLinter.looksLikeOpenApi("{\n  \"openapi\": \"3.0.3\"}")).isTrue();
    assertThat(OpenApiLinter.looksLikeOpenApi("{ openapi : 3 }")).isTrue();
    assertThat(OpenApiLinter.looksLikeOpenApi("info:\n  openapi: 3.0.0\n")).isFalse();
    assertThat(OpenApiLinter.looksLikeOpenApi("version: 0.2\nphases: {}\n")).isFalse();
    assertThat(OpenApiLinter.looksLikeOpenApi("x".repeat(HEAD) + "\nopenapi: 3.0.0\n")).isFalse();
  }

  private static String generate(Random random, int parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      sb.append(PARTS[random.nextInt(PARTS.length)]);
    }
    return sb.toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return sb.toString();
  }
}
