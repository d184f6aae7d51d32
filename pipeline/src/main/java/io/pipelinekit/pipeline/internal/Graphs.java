package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline as a picture: stages as boxes, actions inside, artifacts on the arrows.
 *
 * <p>What the picture says is what CodePipeline does. A solid arrow carries an artifact from the
 * action that makes it to each that reads it. A dashed arrow is order without an artifact: from a
 * stage to the next where no artifact links the two (so a manual approval, which reads and makes
 * nothing, is visibly waited on), and inside a stage from one run order to the next where no
 * artifact links those. Actions of a stage with the same run order run in parallel and are drawn
 * side by side. Stages, and run orders inside a stage, are ranked left to right in pipeline order
 * in both formats (invisible links where no arrow already orders two neighbours).
 */
public final class Graphs {
  private Graphs() {}

  private static String id(int stage, int action) {
    return "s" + (stage + 1) + "a" + (action + 1);
  }

  /** An arrow: the artifact {@code artifact} from the node that makes it to one that reads it. */
  private record Edge(String from, String to, String artifact) {}

  /** The actions of one stage that share a run order (they run in parallel), as node ids. */
  private record Group(int stage, List<String> nodes) {}

  /** An arrow without an artifact: {@code stageLevel} when it joins two stages as wholes. */
  private record Order(int fromStage, String from, int toStage, String to, boolean stageLevel) {}

  /** Everything both formats draw. */
  private record Shape(List<Edge> artifacts, List<Order> order, List<String[]> invisible) {}

  /** Every arrow, in stage and action order (an input nobody produces has none). */
  private static List<Edge> edges(Pipeline p) {
    Map<String, String> producers = producers(p);
    List<Edge> edges = new ArrayList<>();
    List<Stage> stages = p.stages();
    for (int s = 0; s < stages.size(); s++) {
      List<Action> actions = stages.get(s).actions();
      for (int a = 0; a < actions.size(); a++) {
        for (String in : actions.get(a).inputArtifacts()) {
          String from = producers.get(in);
          if (from != null) {
            edges.add(new Edge(from, id(s, a), in));
          }
        }
      }
    }
    return edges;
  }

  /** Which node produces each artifact. */
  private static Map<String, String> producers(Pipeline p) {
    Map<String, String> producers = new LinkedHashMap<>();
    List<Stage> stages = p.stages();
    for (int s = 0; s < stages.size(); s++) {
      List<Action> actions = stages.get(s).actions();
      for (int a = 0; a < actions.size(); a++) {
        for (String out : actions.get(a).outputArtifacts()) {
          producers.putIfAbsent(out, id(s, a));
        }
      }
    }
    return producers;
  }

  /** The run-order groups of every stage, in the order they run. */
  private static List<Group> groups(Pipeline p) {
    List<Group> groups = new ArrayList<>();
    List<Stage> stages = p.stages();
    for (int s = 0; s < stages.size(); s++) {
      TreeMap<Integer, List<String>> byRunOrder = new TreeMap<>();
      List<Action> actions = stages.get(s).actions();
      for (int a = 0; a < actions.size(); a++) {
        byRunOrder.computeIfAbsent(actions.get(a).runOrder(), k -> new ArrayList<>()).add(id(s, a));
      }
      for (List<String> nodes : byRunOrder.values()) {
        groups.add(new Group(s, nodes));
      }
    }
    return groups;
  }

  private static int stageOf(String node) {
    return Integer.parseInt(node.substring(1, node.indexOf('a'))) - 1;
  }

  private static Shape shape(Pipeline p) {
    List<Edge> artifacts = edges(p);
    List<Group> groups = groups(p);
    List<Order> order = new ArrayList<>();
    List<String[]> invisible = new ArrayList<>();
    int stageCount = p.stages().size();
    // Stage to stage: one dashed arrow where no artifact links the two.
    boolean[] stageLinked = new boolean[stageCount];
    for (Edge e : artifacts) {
      int from = stageOf(e.from());
      if (stageOf(e.to()) == from + 1) {
        stageLinked[from] = true;
      }
    }
    for (int k = 0; k + 1 < groups.size(); k++) {
      Group g = groups.get(k);
      Group next = groups.get(k + 1);
      boolean sameStage = g.stage() == next.stage();
      boolean ordered;
      if (sameStage) {
        // Inside a stage: one run order to the next, where no artifact links them.
        ordered = links(artifacts, g, next);
        if (!ordered) {
          for (String from : g.nodes()) {
            for (String to : next.nodes()) {
              order.add(new Order(g.stage(), from, next.stage(), to, false));
            }
          }
          ordered = true;
        }
      } else if (!stageLinked[g.stage()]) {
        order.add(new Order(g.stage(), g.nodes().get(0), next.stage(), next.nodes().get(0), true));
        ordered = true;
      } else {
        ordered = links(artifacts, g, next);
      }
      if (!ordered) {
        invisible.add(new String[] {g.nodes().get(0), next.nodes().get(0)});
      }
    }
    return new Shape(artifacts, order, invisible);
  }

  /** Whether an artifact goes from an action of {@code from} to one of {@code to}. */
  private static boolean links(List<Edge> artifacts, Group from, Group to) {
    for (Edge e : artifacts) {
      if (from.nodes().contains(e.from()) && to.nodes().contains(e.to())) {
        return true;
      }
    }
    return false;
  }

  /** Mermaid flowchart text ({@code pipeline.mmd}). */
  public static String mermaid(Pipeline p) {
    StringBuilder out = new StringBuilder();
    out.append("%% pipeline ").append(p.name()).append(" (generated by pipeline build)\n");
    out.append("flowchart LR\n");
    List<Stage> stages = p.stages();
    for (int s = 0; s < stages.size(); s++) {
      Stage stage = stages.get(s);
      out.append("  subgraph s")
          .append(s + 1)
          .append("[\"")
          .append(mermaidText(stage.name()))
          .append("\"]\n");
      List<Action> actions = stage.actions();
      for (int a = 0; a < actions.size(); a++) {
        Action action = actions.get(a);
        out.append("    ")
            .append(id(s, a))
            .append("[\"")
            .append(mermaidText(action.name()))
            .append("<br/><small>")
            .append(mermaidText(action.describe()))
            .append("</small>\"]\n");
      }
      out.append("  end\n");
    }
    Shape shape = shape(p);
    for (Edge edge : shape.artifacts()) {
      out.append("  ")
          .append(edge.from())
          .append(" -- \"")
          .append(mermaidText(edge.artifact()))
          .append("\" --> ")
          .append(edge.to())
          .append('\n');
    }
    for (Order o : shape.order()) {
      if (o.stageLevel()) {
        out.append("  s").append(o.fromStage() + 1).append(" -.-> s").append(o.toStage() + 1);
      } else {
        out.append("  ").append(o.from()).append(" -.-> ").append(o.to());
      }
      out.append('\n');
    }
    for (String[] link : shape.invisible()) {
      out.append("  ").append(link[0]).append(" ~~~ ").append(link[1]).append('\n');
    }
    return out.toString();
  }

  private static String mermaidText(String s) {
    return s.replace("&", "&amp;")
        .replace("\"", "#quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  /** Graphviz DOT text. */
  public static String dot(Pipeline p) {
    StringBuilder out = new StringBuilder();
    out.append("digraph \"").append(dotText(p.name())).append("\" {\n");
    // newrank: rank constraints hold across clusters; compound: arrows may end at a cluster.
    out.append("  rankdir=LR;\n  newrank=true;\n  compound=true;\n");
    out.append("  node [shape=box, style=rounded];\n");
    List<Stage> stages = p.stages();
    List<Group> groups = groups(p);
    for (int s = 0; s < stages.size(); s++) {
      Stage stage = stages.get(s);
      out.append("  subgraph cluster_s")
          .append(s + 1)
          .append(" {\n    label=\"")
          .append(dotText(stage.name()))
          .append("\";\n");
      List<Action> actions = stage.actions();
      for (int a = 0; a < actions.size(); a++) {
        out.append("    ")
            .append(id(s, a))
            .append(" [label=\"")
            .append(dotText(actions.get(a).name()))
            .append("\\n")
            .append(dotText(actions.get(a).describe()))
            .append("\"];\n");
      }
      for (Group g : groups) {
        if (g.stage() == s && g.nodes().size() > 1) {
          out.append("    { rank=same; ").append(String.join("; ", g.nodes())).append("; }\n");
        }
      }
      out.append("  }\n");
    }
    Shape shape = shape(p);
    for (Edge edge : shape.artifacts()) {
      out.append("  ")
          .append(edge.from())
          .append(" -> ")
          .append(edge.to())
          .append(" [label=\"")
          .append(dotText(edge.artifact()))
          .append("\"];\n");
    }
    for (Order o : shape.order()) {
      out.append("  ").append(o.from()).append(" -> ").append(o.to()).append(" [");
      if (o.stageLevel()) {
        out.append("ltail=cluster_s")
            .append(o.fromStage() + 1)
            .append(", lhead=cluster_s")
            .append(o.toStage() + 1)
            .append(", ");
      }
      out.append("style=dashed];\n");
    }
    for (String[] link : shape.invisible()) {
      out.append("  ").append(link[0]).append(" -> ").append(link[1]).append(" [style=invis];\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static String dotText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
