package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.Golden;
import io.pipelinekit.pipeline.GraphSample;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code pipeline graph}: the pictures say what CodePipeline does — artifact arrows, order arrows
 * where no artifact links two neighbours (a manual approval is waited on), stages ranked in order.
 * The DOT picture is rendered by Graphviz's {@code dot} (Debian's graphviz, installed by bin/test).
 */
class GraphCommandTest {

  /** Two sources and two builds in parallel, an approval, a deploy with two run orders. */
  public static final class Sample implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      return GraphSample.pipeline();
    }
  }

  private static Run graph(String format) {
    Run run = Run.of("graph", "--definition", Sample.class.getName(), "--format", format);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    return run;
  }

  @Test
  void graph_bothFormats_matchTheirGoldenFiles() {
    Golden.check(
        "pipeline",
        "graph",
        Map.of("pipeline.mmd", graph("mermaid").out(), "pipeline.dot", graph("dot").out()));
  }

  @Test
  void graph_mermaid_approvalIsWaitedOn_andRunOrdersAreOrdered() {
    String mmd = graph("mermaid").out();

    // Build → Approve → Deploy: no artifact links them, so dashed stage arrows do.
    assertThat(mmd).contains("\n  s2 -.-> s3\n", "\n  s3 -.-> s4\n");
    // Source → Build is linked by artifacts: no stage arrow there.
    assertThat(mmd).doesNotContain("s1 -.-> s2");
    // Deploy's run order 2 waits for run order 1, which hands it no artifact.
    assertThat(mmd).contains("\n  s4a1 -.-> s4a2\n");
    // Parallel actions have no arrow between them.
    assertThat(mmd).doesNotContain("s1a1 -.-> s1a2", "s2a1 -.-> s2a2");
  }

  @Test
  void graph_mermaid_isWellFormed_andEveryStageFollowsThePreviousOne() {
    String mmd = graph("mermaid").out();
    MermaidShape shape = MermaidShape.parse(mmd);

    assertThat(shape.stages()).containsExactly("s1", "s2", "s3", "s4");
    // Every stage is reachable from the one before it along drawn or invisible links.
    for (int s = 1; s < shape.stages().size(); s++) {
      assertThat(shape.reaches(shape.stages().get(s - 1), shape.stages().get(s)))
          .as("stage s" + s + " links to s" + (s + 1))
          .isTrue();
    }
  }

  @Test
  void graph_dot_rendersWithGraphviz() throws Exception {
    String svg = dot(graph("dot").out(), "-Tsvg");

    assertThat(svg).contains("<svg").contains("Release").contains("</svg>");
  }

  @Test
  void graph_dot_drawsStagesLeftToRightInPipelineOrder() throws Exception {
    Map<String, double[]> at = nodePositions(dot(graph("dot").out(), "-Tplain"));

    assertThat(at).containsOnlyKeys("s1a1", "s1a2", "s2a1", "s2a2", "s3a1", "s4a1", "s4a2");
    // rankdir=LR: the pipeline runs along x. Every node of a stage is right of every node of the
    // stages before it — the approval (s3) after the builds, never level with the sources.
    List<List<String>> stages =
        List.of(
            List.of("s1a1", "s1a2"),
            List.of("s2a1", "s2a2"),
            List.of("s3a1"),
            List.of("s4a1", "s4a2"));
    for (int s = 1; s < stages.size(); s++) {
      double before = stages.get(s - 1).stream().mapToDouble(n -> at.get(n)[0]).max().orElseThrow();
      double here = stages.get(s).stream().mapToDouble(n -> at.get(n)[0]).min().orElseThrow();
      assertThat(here).as("stage %d is right of stage %d", s + 1, s).isGreaterThan(before);
    }
    // Parallel actions share a column; run order 2 is right of run order 1.
    assertThat(at.get("s1a2")[0]).isEqualTo(at.get("s1a1")[0]);
    assertThat(at.get("s2a2")[0]).isEqualTo(at.get("s2a1")[0]);
    assertThat(at.get("s4a2")[0]).isGreaterThan(at.get("s4a1")[0]);
  }

  /** {@code node NAME X Y …} lines of {@code dot -Tplain}: each node's centre. */
  private static Map<String, double[]> nodePositions(String plain) {
    Map<String, double[]> at = new HashMap<>();
    for (String line : plain.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("node")) {
        at.put(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
      }
    }
    return at;
  }

  /** Runs Graphviz's dot on {@code source}; fails the test when dot is missing or refuses it. */
  private static String dot(String source, String format) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("dot", format).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("Graphviz's dot is not installed (bin/test installs graphviz)", e);
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(source.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("dot finished").isTrue();
    assertThat(p.exitValue()).as("dot " + format + ": " + output).isZero();
    assertThat(output).as("dot warnings").doesNotContain("Warning", "Error");
    return output;
  }

  /**
   * A structural reading of the Mermaid flowchart {@code pipeline graph} writes: every line is a
   * header, a subgraph start or end, a node, or a link; subgraphs balance; links join declared
   * nodes or subgraphs.
   */
  private record MermaidShape(List<String> stages, Map<String, Set<String>> links) {
    private static final Pattern SUBGRAPH = Pattern.compile("  subgraph (s\\d+)\\[\"[^\"]*\"\\]");
    private static final Pattern NODE =
        Pattern.compile("    (s\\d+a\\d+)\\[\"[^\"]*<br/><small>[^\"]*</small>\"\\]");
    private static final Pattern LINK =
        Pattern.compile("  (s\\d+(?:a\\d+)?) (?:-- \"[^\"]+\" -->|-\\.->|~~~) (s\\d+(?:a\\d+)?)");

    static MermaidShape parse(String text) {
      String[] lines = text.split("\n", -1);
      assertThat(lines[0]).startsWith("%% pipeline ");
      assertThat(lines[1]).isEqualTo("flowchart LR");
      assertThat(lines[lines.length - 1]).as("ends with a newline").isEmpty();
      List<String> stages = new java.util.ArrayList<>();
      Map<String, String> stageOf = new HashMap<>();
      Map<String, Set<String>> links = new HashMap<>();
      String open = null;
      for (int i = 2; i < lines.length - 1; i++) {
        String line = lines[i];
        Matcher m;
        if ((m = SUBGRAPH.matcher(line)).matches()) {
          assertThat(open).as("line %d: subgraph inside subgraph", i + 1).isNull();
          open = m.group(1);
          stages.add(open);
        } else if (line.equals("  end")) {
          assertThat(open).as("line %d: end without subgraph", i + 1).isNotNull();
          open = null;
        } else if ((m = NODE.matcher(line)).matches()) {
          assertThat(open).as("line %d: node outside a stage", i + 1).isNotNull();
          assertThat(m.group(1)).startsWith(open + "a");
          stageOf.put(m.group(1), open);
        } else if ((m = LINK.matcher(line)).matches()) {
          assertThat(open).as("line %d: link inside a subgraph", i + 1).isNull();
          for (String end : List.of(m.group(1), m.group(2))) {
            assertThat(stageOf.containsKey(end) || stages.contains(end))
                .as("line %d: %s is declared", i + 1, end)
                .isTrue();
          }
          links.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
        } else {
          throw new AssertionError("line " + (i + 1) + " is not Mermaid we write: " + line);
        }
      }
      assertThat(open).as("every subgraph ends").isNull();
      // A stage stands for its nodes and a node for its stage, for reachability.
      stageOf.forEach(
          (node, stage) -> {
            links.computeIfAbsent(stage, k -> new HashSet<>());
            links.computeIfAbsent(node, k -> new HashSet<>());
          });
      return new MermaidShape(stages, expand(links, stageOf));
    }

    private static Map<String, Set<String>> expand(
        Map<String, Set<String>> links, Map<String, String> stageOf) {
      Map<String, Set<String>> out = new HashMap<>();
      links.forEach(
          (from, tos) -> {
            for (String to : tos) {
              for (String f : members(from, stageOf)) {
                out.computeIfAbsent(f, k -> new HashSet<>()).addAll(members(to, stageOf));
              }
            }
          });
      return out;
    }

    private static Set<String> members(String id, Map<String, String> stageOf) {
      Set<String> m = new HashSet<>();
      if (stageOf.containsKey(id)) {
        m.add(id);
      } else {
        stageOf.forEach(
            (node, stage) -> {
              if (stage.equals(id)) {
                m.add(node);
              }
            });
      }
      return m;
    }

    /** Whether some node of {@code fromStage} has a link path into {@code toStage}. */
    boolean reaches(String fromStage, String toStage) {
      ArrayDeque<String> todo = new ArrayDeque<>();
      Set<String> seen = new HashSet<>();
      links.keySet().stream().filter(n -> n.startsWith(fromStage + "a")).forEach(todo::add);
      while (!todo.isEmpty()) {
        String n = todo.pop();
        if (!seen.add(n)) {
          continue;
        }
        for (String next : links.getOrDefault(n, Set.of())) {
          if (next.startsWith(toStage + "a")) {
            return true;
          }
          todo.add(next);
        }
      }
      return false;
    }
  }
}
