package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline build} as a real process, killed with SIGKILL at random moments: the output
 * folder always holds the complete old set or the complete new set, and the next run removes what
 * the killed ones left. Iterations: {@code -Dkill.iterations} (default 50); seed: {@code
 * -Dkill.seed}.
 */
class BuildKillIT {
  private static final String KITCHEN = TestDefinitions.Kitchen.class.getName();
  private static final int ITERATIONS = Integer.getInteger("kill.iterations", 50);

  @TempDir Path tmp;
  Path sources;
  Path work;
  Path out;

  @BeforeEach
  void sources() throws IOException {
    sources = tmp.resolve("src");
    Files.createDirectories(sources.resolve("api"));
    for (String name : new String[] {"openapi.yaml", "gateway.yaml"}) {
      try (InputStream in = BuildKillIT.class.getResourceAsStream("/sources/kitchen/api/" + name)) {
        Files.write(sources.resolve("api").resolve(name), in.readAllBytes());
      }
    }
    work = Files.createDirectories(tmp.resolve("work"));
    out = work.resolve("pipeline");
  }

  /** The test's class path: the CLI, its dependencies and the test definitions. */
  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private ProcessBuilder cli(Path cwd, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(List.of("-cp", classPath(), PipelineCli.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(cwd.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(tmp.resolve("stderr.txt").toFile());
  }

  private ProcessBuilder build(Path dir, String name) {
    return cli(
        tmp,
        "build",
        "--definition",
        KITCHEN,
        "-P",
        "name=" + name,
        "--out",
        dir.toString(),
        "--source-root",
        sources.toString(),
        TestDefinitions.TOOL[0],
        TestDefinitions.TOOL[1],
        TestDefinitions.TOOL[2],
        TestDefinitions.TOOL[3]);
  }

  private int runToEnd(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private String stderr() throws IOException {
    return Files.readString(tmp.resolve("stderr.txt"));
  }

  /** Every entry under {@code dir}, links not followed: relative path → content digest or kind. */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return entries;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        String rel = dir.relativize(p).toString();
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          // Length and hash: a failure names the files that differ without printing them all.
          String text = Files.readString(p, StandardCharsets.UTF_8);
          entries.put(rel, text.length() + " chars #" + Integer.toHexString(text.hashCode()));
        } else {
          entries.put(
              rel, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "(folder)" : "(other)");
        }
      }
    }
    return entries;
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Whether process {@code pid} has begun writing: a temporary file or folder of it ({@code
   * .NAME.PID.N.tmp}) beside the output folder or in it.
   */
  private boolean writingBegan(long pid) {
    for (Path folder : new Path[] {work, out}) {
      try (DirectoryStream<Path> entries =
          Files.newDirectoryStream(folder, ".*." + pid + ".*.tmp")) {
        if (entries.iterator().hasNext()) {
          return true;
        }
      } catch (IOException e) {
        // not there (yet)
      }
    }
    return false;
  }

  private static void pause(long nanos) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    if (nanos > 2_000_000) {
      Thread.sleep(nanos / 1_000_000 - 1);
    }
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  @Test
  void build_killedAtRandomMoments_leavesTheCompleteOldOrNewSet_andTheNextRunCleansUp()
      throws Exception {
    long seed = Long.getLong("kill.seed", System.nanoTime());
    Random random = new Random(seed);
    Path refA = tmp.resolve("ref/a");
    Path refB = tmp.resolve("ref/b");
    long started = System.nanoTime();
    assertThat(runToEnd(build(refA, "kitchen-a"))).as("%s", stderr()).isZero();
    long duration = System.nanoTime() - started;
    assertThat(runToEnd(build(refB, "kitchen-b"))).as("%s", stderr()).isZero();
    Map<String, String> setA = tree(refA);
    Map<String, String> setB = tree(refB);
    assertThat(setA).isNotEqualTo(setB).containsKey("pipeline.json");
    assertThat(runToEnd(build(out, "kitchen-a"))).as("%s", stderr()).isZero();
    assertThat(tree(out)).isEqualTo(setA);
    // The writing's window, replacing a folder: from the temporary folder's appearance to the end.
    Process calibration = build(out, "kitchen-b").start();
    while (calibration.isAlive() && !writingBegan(calibration.pid())) {
      Thread.onSpinWait();
    }
    long writingBegan = System.nanoTime();
    assertThat(calibration.waitFor(120, TimeUnit.SECONDS)).isTrue();
    long window = Math.max(System.nanoTime() - writingBegan, 5_000_000);
    assertThat(calibration.exitValue()).as("%s", stderr()).isZero();
    assertThat(tree(out)).isEqualTo(setB);

    int keptOld = 0;
    int gotNew = 0;
    int killedWhileWriting = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      Map<String, String> before = tree(out);
      boolean toB = before.equals(setA);
      Map<String, String> after = toB ? setB : setA;
      Process p = build(out, toB ? "kitchen-b" : "kitchen-a").start();
      if (i % 3 == 0) {
        // Anywhere in the run: start-up, rendering, writing, exchanging, cleaning up.
        pause((long) (random.nextDouble() * duration * 1.2));
      } else {
        // In the writing: once its first temporary file appears, within 3 ms (where the files
        // are moved into place) or anywhere up to the end of the run.
        while (p.isAlive() && !writingBegan(p.pid())) {
          Thread.onSpinWait();
        }
        if (p.isAlive()) {
          killedWhileWriting++;
        }
        pause((long) (random.nextDouble() * (i % 3 == 1 ? 3_000_000 : window)));
      }
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Map<String, String> now = tree(out);
      assertThat(now)
          .as("iteration %d (seed %d): the complete old set or the complete new set", i, seed)
          .isIn(before, after);
      if (now.equals(before)) {
        keptOld++;
      } else {
        gotNew++;
      }
    }
    System.out.printf(
        "BuildKillIT: %d kills (seed %d, run %d ms, writing to exit %d ms): old set kept %d, new"
            + " set %d; %d killed after writing began%n",
        ITERATIONS,
        seed,
        duration / 1_000_000,
        window / 1_000_000,
        keptOld,
        gotNew,
        killedWhileWriting);
    assertThat(killedWhileWriting).as("kills landed while writing").isPositive();
    assertThat(keptOld).as("kills that kept the old set").isPositive();
    assertThat(gotNew).as("kills after the switch").isPositive();

    Map<String, String> before = tree(out);
    boolean toB = before.equals(setA);
    assertThat(runToEnd(build(out, toB ? "kitchen-b" : "kitchen-a"))).as("%s", stderr()).isZero();
    assertThat(tree(out)).isEqualTo(toB ? setB : setA);
    assertThat(names(work)).as("no temporary files left").containsExactly("pipeline");
  }

  @Test
  void build_outIsTheCurrentFolderOrHoldsIt_exits2AndWritesNothing() throws Exception {
    Path here = Files.createDirectories(tmp.resolve("here/deeper"));

    for (Path dir : new Path[] {Path.of("."), Path.of("..")}) {
      ProcessBuilder pb =
          cli(
              here,
              "build",
              "--definition",
              KITCHEN,
              "--out",
              dir.toString(),
              "--source-root",
              sources.toString());
      assertThat(runToEnd(pb)).isEqualTo(2);
      assertThat(stderr())
          .contains(here.resolve(dir).normalize() + ": is the current folder or holds it")
          .doesNotContain("Exception");
    }
    assertThat(names(here)).isEmpty();
    assertThat(names(here.getParent())).containsExactly("deeper");
    assertThat(new File(here.toFile(), "pipeline.json")).doesNotExist();
  }
}
