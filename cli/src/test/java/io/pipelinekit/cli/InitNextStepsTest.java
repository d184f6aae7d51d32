package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next steps {@code pipeline init} prints are commands to paste into the shell it was run from:
 * no {@code cd} when the scaffolded folder is the working folder, else a {@code cd} that reaches it
 * from there. Each case runs the command line in its own JVM, in a working folder of its own (the
 * working folder cannot be changed in this one).
 */
class InitNextStepsTest {
  private static final String MVN = "mvn -B verify    # compiles ";
  private static final String BUILD = "  PIPELINE_CLASSPATH=target/classes pipeline build ";

  @TempDir Path tmp;

  private record Result(int code, String out, String err) {
    /** The first of the two next steps, without its comment's class name. */
    String firstStep() {
      String after = out.substring(out.indexOf("\nnext:\n") + "\nnext:\n".length());
      return after.substring(0, after.indexOf(MVN) + MVN.length());
    }
  }

  /** {@code pipeline ARGS} with {@code cwd} as the working folder. */
  private Result init(Path cwd, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                PipelineCli.class.getName(),
                "init"));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(BUILD);
    return r;
  }

  private Path folder(String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name)).toRealPath();
  }

  @Test
  void init_ofTheWorkingFolder_printsTheStepsWithoutCd() throws Exception {
    Path none = folder("none");
    assertThat(init(none).firstStep()).isEqualTo("  " + MVN);
    Path dot = folder("dot");
    assertThat(init(dot, ".").firstStep()).isEqualTo("  " + MVN);
    assertThat(dot.resolve("pom.xml")).exists();
    Path slash = folder("slash");
    assertThat(init(slash, "./").firstStep()).isEqualTo("  " + MVN);
    Path absolute = folder("absolute");
    assertThat(init(absolute, absolute.toString()).firstStep()).isEqualTo("  " + MVN);
    Path linked = folder("linked");
    Files.createSymbolicLink(linked.resolve("self"), Path.of("."));
    assertThat(init(linked, "self").firstStep()).isEqualTo("  " + MVN);
    assertThat(linked.resolve("pom.xml")).exists();
  }

  @Test
  void init_ofAFolderBelow_cdsThereRelatively_evenThroughDotDot() throws Exception {
    Path cwd = folder("below");
    assertThat(init(cwd, "shop").firstStep()).isEqualTo("  cd shop && " + MVN);
    assertThat(init(cwd, "./a/../orders/").firstStep()).isEqualTo("  cd orders && " + MVN);
    assertThat(cwd.resolve("orders/pom.xml")).exists();
    assertThat(init(cwd, "--", "-dash").firstStep()).isEqualTo("  cd ./-dash && " + MVN);
    assertThat(init(cwd, "my shop").firstStep()).isEqualTo("  cd 'my shop' && " + MVN);
  }

  @Test
  void init_ofAFolderElsewhere_cdsThereByItsAbsolutePath() throws Exception {
    Path cwd = folder("inner");
    Path sibling = cwd.resolveSibling("sibling");
    assertThat(init(cwd, "../sibling").firstStep()).isEqualTo("  cd " + sibling + " && " + MVN);
    assertThat(sibling.resolve("pom.xml")).exists();
    Path absolute = tmp.toRealPath().resolve("elsewhere/shop");
    assertThat(init(cwd, absolute.toString()).firstStep())
        .isEqualTo("  cd " + absolute + " && " + MVN);
  }
}
