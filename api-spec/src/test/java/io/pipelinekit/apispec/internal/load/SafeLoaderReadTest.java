package io.pipelinekit.apispec.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SafeLoader#readNBytes} reads what {@code InputStream.readNBytes(limit)} reads, whatever
 * the size it expected: a file that stayed, shrank or grew since its size was taken, streams that
 * hand out a few bytes per read, and limits below, at and above the length.
 */
class SafeLoaderReadTest {
  @Test
  void readNBytes_readsWhatReadNBytesOfTheLimitReads() throws IOException {
    Random random = new Random(15);
    for (int n = 0; n < 3_000; n++) {
      byte[] content =
          new byte[random.nextInt(3) == 0 ? random.nextInt(40_000) : random.nextInt(64)];
      random.nextBytes(content);
      int limit = 1 + random.nextInt(content.length + 16);
      int expected = Math.min(limit, Math.max(0, content.length + random.nextInt(41) - 20));
      boolean trickle = random.nextBoolean();
      byte[] want = stream(content, trickle).readNBytes(limit);
      byte[] got = SafeLoader.readNBytes(stream(content, trickle), expected, limit);
      assertThat(got)
          .as("length %d, expected %d, limit %d", content.length, expected, limit)
          .isEqualTo(want);
    }
  }

  @Test
  void readNBytes_ofAFileThatGrewPastTheLimit_readsOneByteMoreThanAllowed() throws IOException {
    byte[] content = new byte[1000];
    assertThat(SafeLoader.readNBytes(new ByteArrayInputStream(content), 500, 801)).hasSize(801);
    assertThat(SafeLoader.readNBytes(new ByteArrayInputStream(content), 1000, 1001)).hasSize(1000);
    assertThat(SafeLoader.readNBytes(new ByteArrayInputStream(content), 2000, 2001)).hasSize(1000);
  }

  /** The content, all at once or a few bytes per read. */
  private static InputStream stream(byte[] content, boolean trickle) {
    return new ByteArrayInputStream(content) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, trickle ? Math.min(len, 1 + (pos % 7)) : len);
      }
    };
  }
}
