package io.pipelinekit.apispec.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8Text#decode} (the JDK's replacing decoder, strict only when the result holds U+FFFD)
 * against the strict decoder alone, which it used to be: the same text, or the same error at the
 * same line and column.
 */
class Utf8TextTest {
  private static final Path FILE = Path.of("doc.yaml");

  /** Valid sequences, the character U+FFFD itself, and every kind of malformed sequence. */
  private static final byte[][] PARTS = {
    bytes(0x41),
    bytes('\n'),
    bytes(' '),
    bytes(0xC3, 0xA9), // é
    bytes(0xE2, 0x80, 0x99), // ’
    bytes(0xEF, 0xBF, 0xBD), // U+FFFD, valid
    bytes(0xF0, 0x9F, 0x98, 0x80), // an emoji (a surrogate pair)
    bytes(0xC2, 0x85), // U+0085
    bytes(0xC0, 0x80), // overlong NUL
    bytes(0xC1, 0xBF), // overlong
    bytes(0xE0, 0x80, 0xAF), // overlong '/'
    bytes(0xED, 0xA0, 0x80), // a surrogate, encoded
    bytes(0xED, 0xBF, 0xBF), // a surrogate, encoded
    bytes(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
    bytes(0xF5, 0x80, 0x80, 0x80),
    bytes(0xF8, 0x88, 0x80, 0x80, 0x80), // five bytes
    bytes(0x80), // a lone continuation byte
    bytes(0xBF),
    bytes(0xC3), // truncated
    bytes(0xE2, 0x80), // truncated
    bytes(0xF0, 0x9F, 0x98), // truncated
    bytes(0xFE),
    bytes(0xFF),
    bytes(0xEF, 0xBB, 0xBF), // a byte-order mark (only the first is dropped)
  };

  @Test
  void decode_matchesTheStrictDecoderOnMixedValidAndMalformedInput() {
    Random random = new Random(15);
    int errors = 0;
    for (int n = 0; n < 20_000; n++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int length = random.nextInt(40);
      boolean clean = random.nextInt(3) == 0;
      for (int i = 0; i < length; i++) {
        byte[] part = PARTS[random.nextInt(clean ? 8 : PARTS.length)];
        if (random.nextInt(4) > 0) {
          part = PARTS[random.nextInt(3)]; // mostly ASCII, as documents are
        }
        out.writeBytes(part);
      }
      if (random.nextInt(5) == 0) {
        out.writeBytes(part(random)); // a malformed (or byte-order mark) tail
      }
      errors += sameAsStrict(out.toByteArray()) ? 0 : 1;
    }
    assertThat(errors).as("inputs where the strict decoder failed").isGreaterThan(1000);
  }

  @Test
  void decode_ofValidText_isThatText() {
    String text = "openapi: 3.0.0\ninfo:\n  title: caf\u00e9 \u2019 \uFFFD \uD83D\uDE00\n";
    assertThat(Utf8Text.decode(FILE, text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    byte[] withBom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8Text.decode(FILE, withBom)).isEqualTo(text);
  }

  @Test
  void decode_ofAMalformedByte_namesItsLineColumnAndOffset() {
    byte[] bytes = "a: 1\nb: caf\u00e9 \u2019x".getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 1] = (byte) 0xED; // an encoded surrogate, truncated: malformed
    assertThatThrownBy(() -> Utf8Text.decode(FILE, bytes))
        .hasMessage(
            "doc.yaml:2:10: invalid UTF-8 (byte 0xED at offset "
                + (bytes.length - 1)
                + "); save the file as UTF-8");
  }

  /** True when the strict decoder failed (then with the same message). */
  private static boolean sameAsStrict(byte[] bytes) {
    String expected;
    try {
      expected = strictDecode(bytes);
    } catch (ApiSpecException e) {
      assertThatThrownBy(() -> Utf8Text.decode(FILE, bytes))
          .as(hex(bytes))
          .isInstanceOf(ApiSpecException.class)
          .hasMessage(e.getMessage());
      return false;
    }
    assertThat(Utf8Text.decode(FILE, bytes)).as(hex(bytes)).isEqualTo(expected);
    return true;
  }

  /** The decoding before the fast path: the UTF-16/32 check, the byte-order mark, then strict. */
  private static String strictDecode(byte[] bytes) {
    io.pipelinekit.core.FileProblems.unsupportedEncoding(bytes)
        .ifPresent(
            wide -> {
              throw LoadErrors.at(FILE, 1, 1, wide);
            });
    boolean bom =
        bytes.length >= 3
            && (bytes[0] & 0xFF) == 0xEF
            && (bytes[1] & 0xFF) == 0xBB
            && (bytes[2] & 0xFF) == 0xBF;
    return Utf8Text.strict(FILE, bytes, bom ? 3 : 0);
  }

  private static byte[] part(Random random) {
    return PARTS[8 + random.nextInt(PARTS.length - 8)];
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02X ", b & 0xFF));
    }
    return sb.toString();
  }
}
