package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One limit on the digits of a number, the same for YAML and JSON, checked before parsing. */
class NumberLimitTest {
  private static final String LIMIT_MESSAGE =
      "a number with more than 1000 digits (the limit for one number); quote it to keep it as"
          + " text, or raise the limit (--max-number-length)";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static JsonNode load(Path file) {
    return SafeLoader.load(file, LoadOptions.defaults()).root();
  }

  private void assertRejectedAt(String name, String text, int line, int column) throws IOException {
    Path file = write(name, text);
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(file + ":" + line + ":" + column + ": " + LIMIT_MESSAGE);
  }

  @Test
  void yamlDecimal_ofExactlyTheLimit_isANumber_oneMoreDigitIsAnError() throws IOException {
    String digits = "9".repeat(1000);
    JsonNode root = load(write("ok.yaml", "a: 1\nn: -" + digits + "\n"));
    assertThat(root.get("n").bigIntegerValue()).isEqualTo(new BigInteger("-" + digits));
    assertRejectedAt("long.yaml", "a: 1\nn: -" + digits + "9\n", 2, 4);
  }

  @Test
  void yamlHexAndOctal_countTheirDigitsAgainstTheLimit() throws IOException {
    String hex = "f".repeat(1000);
    assertThat(load(write("hex.yaml", "n: 0x" + hex + "\n")).get("n").bigIntegerValue())
        .isEqualTo(new BigInteger(hex, 16));
    assertRejectedAt("hex-long.yaml", "a:\n  n: 0x" + hex + "f\n", 2, 6);
    String oct = "7".repeat(1000);
    assertThat(load(write("oct.yaml", "n: 0o" + oct + "\n")).get("n").bigIntegerValue())
        .isEqualTo(new BigInteger(oct, 8));
    assertRejectedAt("oct-long.yaml", "list:\n  - 0o" + oct + "7\n", 2, 5);
  }

  @Test
  void yamlFloat_countsMantissaAndExponentDigits() throws IOException {
    String mantissa = "1." + "5".repeat(997) + "e-12"; // 1000 digits
    assertThat(load(write("f.yaml", "n: " + mantissa + "\n")).get("n").doubleValue())
        .isEqualTo(Double.parseDouble(mantissa));
    assertRejectedAt("f-long.yaml", "n: 1." + "5".repeat(998) + "e-12\n", 1, 4);
    assertRejectedAt("f-point.yaml", "n: ." + "5".repeat(1001) + "\n", 1, 4);
  }

  @Test
  void yamlFloat_withHugeExponent_isInfinity_quickly() throws IOException {
    JsonNode root =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> load(write("e.yaml", "a: 1e999999999\nb: -1e999999999\nc: 1e-999999999\n")));
    assertThat(root.get("a").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(root.get("b").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(root.get("c").doubleValue()).isZero();
  }

  @Test
  void yaml_megabyteInteger_isRejectedQuickly() throws IOException {
    Path file = write("big.yaml", "openapi: 3.0.3\nx-n: " + "7".repeat(1_000_000) + "\n");
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> load(file)))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(file + ":2:6: " + LIMIT_MESSAGE);
  }

  @Test
  void yaml_quotedOrTaggedLongDigits_areTextNotNumbers() throws IOException {
    String digits = "7".repeat(5000);
    JsonNode root = load(write("q.yaml", "a: '" + digits + "'\nb: !!str " + digits + "\n"));
    assertThat(root.get("a").isTextual()).isTrue();
    assertThat(root.get("b").textValue()).isEqualTo(digits);
    assertRejectedAt("tagged.yaml", "a: !!int " + digits + "\n", 1, 4);
  }

  @Test
  void json_integerAndFloat_useTheSameLimitAndMessage() throws IOException {
    String digits = "9".repeat(1000);
    JsonNode root =
        load(write("ok.json", "{\"n\": -" + digits + ", \"f\": 1." + "5".repeat(999) + "}"));
    assertThat(root.get("n").bigIntegerValue()).isEqualTo(new BigInteger("-" + digits));
    assertThat(root.get("f").doubleValue()).isEqualTo(1.5555555555555556);
    assertRejectedAt("int.json", "{\"a\": 1,\n \"n\": " + digits + "9}", 2, 7);
    assertRejectedAt("float.json", "[1,\n  1." + "5".repeat(1000) + "]", 2, 3);
  }

  @Test
  void json_megabyteInteger_isRejectedQuickly() throws IOException {
    Path file =
        write("big.json", "{\"openapi\": \"3.0.3\", \"x-n\": " + "7".repeat(1_000_000) + "}");
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> load(file)))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(file + ":1:29: " + LIMIT_MESSAGE);
  }

  @Test
  void json_longKeyOrString_namesTheLimitWithoutJacksonClassNames() throws IOException {
    LoadOptions small = LoadOptions.builder().maxStringLength(10).build();
    Path key = write("key.json", "{\"a\": 1,\n  \"" + "k".repeat(11) + "\": 1}");
    Path value = write("value.json", "{\"a\":\n  \"" + "v".repeat(11) + "\"}");
    for (Path file : new Path[] {key, value}) {
      assertThatThrownBy(() -> SafeLoader.load(file, small))
          .hasMessageStartingWith(file + ":2:")
          .hasMessageContaining("a string of 11 characters is longer than the limit of 10;")
          .hasMessageNotContaining("StreamReadConstraints")
          .hasMessageNotContaining("Jackson");
    }
  }

  @Test
  void limit_isAnOption_andAppliesToBothReaders() throws IOException {
    LoadOptions options = LoadOptions.builder().maxNumberLength(3).build();
    assertThat(SafeLoader.load(write("ok.yaml", "n: 999\n"), options).root().get("n").intValue())
        .isEqualTo(999);
    for (Path file :
        new Path[] {
          write("y.yaml", "n: 1000\n"),
          write("j.json", "{\"n\": 1000}"),
          write("f.yaml", "n: 1.234\n")
        }) {
      assertThatThrownBy(() -> SafeLoader.load(file, options))
          .hasMessageContaining("a number with more than 3 digits");
    }
    assertThatThrownBy(() -> LoadOptions.builder().maxNumberLength(0).build())
        .hasMessage("maxNumberLength must be positive, was 0");
    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options).isNotEqualTo(LoadOptions.defaults());
    assertThat(LoadOptions.defaults().maxNumberLength()).isEqualTo(1000);
  }
}
