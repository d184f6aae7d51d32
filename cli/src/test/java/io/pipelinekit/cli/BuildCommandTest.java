package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {
  private static final String KITCHEN = TestDefinitions.Kitchen.class.getName();

  @TempDir Path tmp;
  Path sources;
  Path out;

  @BeforeEach
  void sources() throws IOException {
    sources = KitchenSources.writeTo(tmp.resolve("src"));
    out = tmp.resolve("out");
  }

  private Run build(String... extra) {
    return buildDefinition(KITCHEN, extra);
  }

  /** {@code pipeline build} of {@code definition} into {@code out}, reading {@code sources}. */
  private Run buildDefinition(String definition, String... extra) {
    String[] base = {
      "build",
      "--definition",
      definition,
      "--out",
      out.toString(),
      "--source-root",
      sources.toString(),
      TestDefinitions.TOOL[0],
      TestDefinitions.TOOL[1],
      TestDefinitions.TOOL[2],
      TestDefinitions.TOOL[3]
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Run.of(args);
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (p.getFileName().toString().equals(OutputFiles.MANIFEST)) {
          continue; // the list of files written, checked in BuildOutputFolderTest
        }
        files.put(
            dir.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void build_writesEveryFile_matchingGolden_andPrintsSummary() throws IOException {
    Run run = build();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("pipeline kitchen-sink (V2, eu-west-1): 5 stages, 10 actions")
        .contains("Build: Images (CodeBuild kitchen-images) images app, nginx, worker")
        .contains("wrote 12 files to ")
        .contains("pipeline.json");
    Map<String, String> files = read(out);
    assertThat(files)
        .containsOnlyKeys(
            "buildspec-kitchen-tests.yaml",
            "buildspec-kitchen-images.yaml",
            "codebuild-project-kitchen-tests.json",
            "codebuild-project-kitchen-images.json",
            "pipeline.json",
            "iam/codebuild-role-policy-kitchen-tests.json",
            "iam/codebuild-role-policy-kitchen-images.json",
            "iam/pipeline-role-policy.json",
            "cloudformation/bootstrap.template.json",
            "cloudformation/pipeline.template.json",
            "pipeline.mmd",
            "openapi.yaml");
    assertThat(files.get("openapi.yaml"))
        .contains("/items/{id}:")
        .contains("x-amazon-apigateway-integration:")
        .contains("operationId: getItem");
    Golden.check("pipeline", "kitchen-sink", files);
  }

  @Test
  void build_listsEachFileWithItsSizeInPlainDigits_whateverTheLocale() throws IOException {
    java.util.Locale before = java.util.Locale.getDefault();
    Run run;
    try {
      // a locale whose own digits are not ASCII's: Formatter's %d would print "٢١٨١"
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG")); // LANG=ar_EG.UTF-8
      run = build();
    } finally {
      java.util.Locale.setDefault(before);
    }
    assertThat(run.exitCode()).as(run.err()).isZero();
    String list = run.out().substring(run.out().indexOf("wrote 12 files to "));
    java.util.List<String> rows = list.lines().skip(1).toList();
    assertThat(rows).hasSize(12);
    java.util.regex.Pattern row = java.util.regex.Pattern.compile("  (\\S+) +([0-9]+) bytes");
    for (String line : rows) {
      java.util.regex.Matcher m = row.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      assertThat(Long.parseLong(m.group(2)))
          .as(line)
          .isEqualTo(Files.size(out.resolve(m.group(1))));
      // names left-aligned, sizes right-aligned: every row as wide as the others
      assertThat(line).hasSameSizeAs(rows.get(0));
    }
  }

  @Test
  void build_whenDockerfileMissing_warnsAndStillWrites() throws IOException {
    Files.delete(sources.resolve("worker/Dockerfile"));
    Run run = build();
    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .isEqualTo(
            "pipeline: warning: CodeBuild project 'kitchen-images' image 'worker': Dockerfile"
                + " worker/Dockerfile is not in the source root; the build will fail unless it is"
                + " committed\n");
    assertThat(out.resolve("pipeline.json")).exists();
  }

  @Test
  void build_twice_writesIdenticalBytes() throws IOException {
    assertThat(build().exitCode()).isZero();
    Map<String, String> first = read(out);
    assertThat(build().exitCode()).isZero();
    assertThat(read(out)).isEqualTo(first);
    try (Stream<Path> walk = Files.walk(out)) {
      assertThat(walk.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void build_withParameter_usesIt() throws IOException {
    Run run = build("-P", "name=kitchen-2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve("pipeline.json"))).contains("\"name\": \"kitchen-2\"");
  }

  @Test
  void build_whenParameterUnknown_exits2NamingKnownOnes() {
    Run run = build("-P", "nmae=x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("pipeline: unknown parameter nmae; the definition takes: name")
        .doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void build_whenRulesBroken_exits2ListingEveryProblem_andWritesNothing() {
    Run run = buildDefinition(TestDefinitions.Broken.class.getName());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("pipeline: pipeline 'broken pipeline' breaks 2 rules:")
        .contains("  - pipeline name 'broken pipeline' is not allowed")
        .contains("  - pipeline 'broken pipeline' is V1 but has pipeline variables")
        .doesNotContain("at io.pipelinekit");
    assertThat(out).doesNotExist();
  }

  @Test
  void build_whenSourceNotFirst_exits2WithStageName() {
    Run run =
        Run.of(
            "build",
            "--definition",
            TestDefinitions.SourceLast.class.getName(),
            "--out",
            out.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("stage 'Deploy' action 'Deploy': the first stage may hold only source actions")
        .contains(
            "stage 'Source' action 'Source': source actions may appear only in the first stage");
  }

  @Test
  void build_whenRulesBrokenAndVerbose_showsStackTrace() {
    Run run =
        Run.of(
            "build",
            "--definition",
            TestDefinitions.Broken.class.getName(),
            "--out",
            out.toString(),
            "--verbose");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("io.pipelinekit.pipeline.DefinitionException");
  }

  @Test
  void build_whenDefinitionClassMissing_exits2WithHint() {
    Run run = Run.of("build", "--definition", "com.example.Missing", "--out", out.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("definition class com.example.Missing is not on the classpath")
        .contains("PIPELINE_CLASSPATH");
  }

  @Test
  void build_whenClassIsNotADefinition_exits2() {
    Run run =
        Run.of(
            "build",
            "--definition",
            TestDefinitions.NotADefinition.class.getName(),
            "--out",
            out.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("does not implement io.pipelinekit.pipeline.PipelineDefinition");
  }

  @Test
  void build_whenFragmentMissing_exits2NamingIt() throws IOException {
    Files.delete(sources.resolve("api/gateway.yaml"));
    Run run = build();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "CodeBuild project 'kitchen-images' API a1b2c3d4e5: fragment 'api/gateway.yaml' does not exist under");
    assertThat(out).doesNotExist();
  }

  @Test
  void build_whenFragmentLinksOutsideSourceRoot_exits2() throws IOException {
    Path outside = tmp.resolve("outside.yaml");
    Files.move(sources.resolve("api/gateway.yaml"), outside);
    Files.createSymbolicLink(sources.resolve("api/gateway.yaml"), outside);
    Run run = build();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("fragment 'api/gateway.yaml' links to a file outside the source root");
  }

  @Test
  void build_whenFragmentsConflict_exits2NamingBothFiles() throws IOException {
    Files.writeString(
        sources.resolve("api/gateway.yaml"),
        Files.readString(sources.resolve("api/openapi.yaml")).replace("the item", "another item"));
    Run run = build();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("openapi.yaml").contains("gateway.yaml");
    assertThat(out).doesNotExist();
  }

  @Test
  void build_whenAWriteFails_leavesTheExistingOutputFolderUntouched() throws IOException {
    assertThat(build().exitCode()).isZero();
    // An earlier output, edited so that a rewrite would show, and a file where iam/ must go: the
    // files that come before iam/ in the set can be written, the iam/ ones cannot.
    for (String name : new String[] {"buildspec-kitchen-images.yaml", "pipeline.json"}) {
      Files.writeString(out.resolve(name), "earlier " + name + "\n");
    }
    try (Stream<Path> iam = Files.list(out.resolve("iam"))) {
      for (Path p : iam.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(out.resolve("iam"));
    Files.writeString(out.resolve("iam"), "not a folder\n");
    Map<String, String> before = read(out);

    Run run = build();

    assertThat(run.exitCode()).isEqualTo(2);
    // A file where a folder of ours goes is not ours: refused before anything is written.
    assertThat(run.err()).contains("iam").contains("did not write");
    assertThat(run.out()).doesNotContain("wrote ");
    assertThat(read(out)).isEqualTo(before);
    try (Stream<Path> listing = Files.list(out)) {
      assertThat(
              listing
                  .map(p -> p.getFileName().toString())
                  .filter(name -> !name.equals(OutputFiles.MANIFEST)))
          .containsExactlyInAnyOrderElementsOf(
              before.keySet().stream().map(name -> name.split("/")[0]).distinct().toList());
    }
  }

  @Test
  void build_whenTheDefinitionFails_leavesTheExistingOutputFolderUntouched() throws IOException {
    assertThat(build().exitCode()).isZero();
    Files.writeString(out.resolve("pipeline.json"), "earlier pipeline.json\n");
    Map<String, String> before = read(out);
    Files.delete(sources.resolve("api/gateway.yaml"));

    Run run = build();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("fragment 'api/gateway.yaml' does not exist");
    assertThat(read(out)).isEqualTo(before);
  }

  @Test
  void build_whenOutIsAFile_exits2() throws IOException {
    Files.writeString(tmp.resolve("file"), "x");
    Run run =
        Run.of(
            "build",
            "--definition",
            KITCHEN,
            "--out",
            tmp.resolve("file").toString(),
            "--source-root",
            sources.toString(),
            TestDefinitions.TOOL[0],
            TestDefinitions.TOOL[1],
            TestDefinitions.TOOL[2],
            TestDefinitions.TOOL[3]);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("file: is a regular file, not a folder");
  }

  @Test
  void graph_printsMermaidAndDot() {
    Run mermaid = Run.of("graph", "--definition", TestDefinitions.Minimal.class.getName());
    assertThat(mermaid.exitCode()).isZero();
    assertThat(mermaid.out())
        .startsWith("%% pipeline service")
        .contains("flowchart LR")
        .contains("subgraph s2[\"Build\"]")
        .contains("s1a1 -- \"Source\" --> s2a1")
        .contains("s2a1 -- \"BuildOutput\" --> s3a1");
    Run dot =
        Run.of("graph", "--definition", TestDefinitions.Minimal.class.getName(), "--format", "dot");
    assertThat(dot.exitCode()).isZero();
    assertThat(dot.out())
        .startsWith("digraph \"service\" {")
        .contains("s1a1 -> s2a1 [label=\"Source\"];")
        .contains("subgraph cluster_s3");
    Run bad = Run.of("graph", "--format", "png");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--format").contains("Run 'pipeline graph --help'");
  }
}
