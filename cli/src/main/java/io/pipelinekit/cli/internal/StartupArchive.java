package io.pipelinekit.cli.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed launcher's check that the JVM mapped its class-data-sharing archive. The launcher
 * execs the JVM (no shell waiting to read a log afterwards) and names the archive and itself in the
 * {@value #ARCHIVE} and {@value #LAUNCHER} properties; a JVM that refused the archive (another
 * build of the same Java version, a JDK replaced in place, a changed jar) runs on without sharing,
 * which {@code java.vm.info} then leaves out. After the command, this deletes that archive and runs
 * the launcher once more ({@code --version}, output discarded), which writes it again for the next
 * run.
 */
public final class StartupArchive {
  /** The archive the launcher gave the JVM. */
  public static final String ARCHIVE = "pipeline.cds.archive";

  /** The launcher that writes it. */
  public static final String LAUNCHER = "pipeline.launcher";

  private StartupArchive() {}

  /** Writes the archive again when this JVM was given one and refused it; otherwise nothing. */
  public static void rewriteIfRefused() {
    String archive = System.getProperty(ARCHIVE);
    String launcher = System.getProperty(LAUNCHER);
    if (archive == null || launcher == null || sharing()) {
      return;
    }
    try {
      if (sharingTurnedOff()) {
        return; // the user's -Xshare:off (PIPELINE_JAVA_OPTS): not a refusal
      }
      if (!Files.deleteIfExists(Path.of(archive))) {
        return;
      }
      Process rewrite =
          new ProcessBuilder(launcher, "--version")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      rewrite.getOutputStream().close();
      rewrite.waitFor();
    } catch (IOException | RuntimeException e) {
      // the next run without an archive writes it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether this JVM maps a class-data-sharing archive ("mixed mode, sharing"). */
  static boolean sharing() {
    return System.getProperty("java.vm.info", "").contains("sharing");
  }

  private static boolean sharingTurnedOff() {
    boolean off = false;
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.equals("-Xshare:off") || arg.equals("-XX:-UseSharedSpaces")) {
        off = true;
      } else if (arg.equals("-Xshare:auto") || arg.equals("-Xshare:on")) {
        off = false;
      }
    }
    return off;
  }
}
