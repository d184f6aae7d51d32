package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * Issue 13's property, with botocore as the oracle: random definitions whose values sit near AWS's
 * limits (lengths, characters, counts, enum values). Every definition our rules accept synthesizes
 * inputs botocore accepts; every value botocore rejects (checked by patching it into the accepted
 * base definition's inputs) was rejected by our rules with a message naming the field. All cases
 * are validated in one Python run.
 */
class AwsModelPropertyTest {
  private static final int CASES = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PIPELINE = "pipeline.json";
  private static final String PROJECT = "codebuild-project.json";

  /**
   * One changed setting: what it does to the project and the pipeline, the same change made to the
   * base definition's CreatePipeline/CreateProject inputs, and the word a message names it by.
   */
  record Mutation(
      String field,
      UnaryOperator<CodeBuildProject.Builder> project,
      UnaryOperator<Pipeline.Builder> pipeline,
      Consumer<Map<String, ObjectNode>> patch) {
    @Override
    public String toString() {
      return field;
    }
  }

  // --- values near the limits -----------------------------------------------------------------

  /** Characters inside and outside AWS's tag pattern, a line break, a tab, an emoji. */
  private static final char[] ODD = {
    'a', 'Z', '0', ' ', '_', '.', ':', '/', '=', '+', '-', '@', 'é', '日', '!', '#', '&', '\n', '\t'
  };

  /** A string of about {@code limit} characters (just under, on, just over), or a short one. */
  private static Arbitrary<String> near(int limit, boolean oddCharacters) {
    Arbitrary<Integer> length =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.of(limit - 1, limit, limit + 1)),
            Tuple.of(1, Arbitraries.integers().between(0, 3)),
            Tuple.of(1, Arbitraries.integers().between(limit - 5, limit + 5)));
    Arbitrary<Character> plain = Arbitraries.chars().range('a', 'z');
    Arbitrary<Character> odd = Arbitraries.chars().with(ODD);
    Arbitrary<Character> chars =
        oddCharacters ? Arbitraries.frequencyOf(Tuple.of(20, plain), Tuple.of(1, odd)) : plain;
    return length.flatMap(n -> chars.list().ofSize(Math.max(0, n)).map(AwsModelPropertyTest::text));
  }

  private static String text(List<Character> chars) {
    StringBuilder s = new StringBuilder();
    chars.forEach(s::append);
    return s.toString();
  }

  private static Arbitrary<Integer> countNear(int limit) {
    return Arbitraries.of(0, 1, 2, limit - 1, limit, limit + 1);
  }

  // --- mutations ------------------------------------------------------------------------------

  private static Arbitrary<Mutation> description() {
    return near(255, true)
        .map(
            d ->
                new Mutation(
                    "description",
                    p -> p.description(d),
                    UnaryOperator.identity(),
                    in -> in.get(PROJECT).put("description", d)));
  }

  private static Arbitrary<Mutation> computeType() {
    return Arbitraries.of(
            "BUILD_GENERAL1_SMALL",
            "BUILD_GENERAL1_2XLARGE",
            "BUILD_LAMBDA_1GB",
            "ATTRIBUTE_BASED_COMPUTE",
            "build_general1_small",
            "BUILD_GENERAL1_HUGE",
            "SMALL")
        .map(
            t ->
                new Mutation(
                    "computeType",
                    p -> p.computeType(t),
                    UnaryOperator.identity(),
                    in -> ((ObjectNode) in.get(PROJECT).get("environment")).put("computeType", t)));
  }

  private static Arbitrary<Mutation> environmentType() {
    return Arbitraries.of(
            "LINUX_CONTAINER", "ARM_CONTAINER", "LINUX_GPU_CONTAINER", "LINUX", "linux_container")
        .map(
            t ->
                new Mutation(
                    "environmentType",
                    p -> p.environmentType(t),
                    UnaryOperator.identity(),
                    in -> ((ObjectNode) in.get(PROJECT).get("environment")).put("type", t)));
  }

  private static Arbitrary<Mutation> projectName() {
    return Arbitraries.of(2, 149, 150, 151, 160)
        .map(
            n -> {
              String name = "p" + "b".repeat(n - 1);
              return new Mutation(
                  "name",
                  p -> p.name(name),
                  UnaryOperator.identity(),
                  in -> {
                    in.get(PROJECT).put("name", name);
                    ((ObjectNode) in.get(PIPELINE).at("/pipeline/stages/1/actions/0/configuration"))
                        .put("ProjectName", name);
                  });
            });
  }

  private static Arbitrary<Mutation> tags() {
    Arbitrary<String> key =
        Arbitraries.oneOf(
            near(127, true),
            near(128, false),
            Arbitraries.of("aws:team", "AWS:owner", "team", "cost-center"));
    return Combinators.combine(countNear(50), key, near(255, true))
        .as(
            (n, k, v) -> {
              Map<String, String> tags = new LinkedHashMap<>();
              for (int i = 0; i < n; i++) {
                tags.put("k" + i, "v" + i);
              }
              if (n > 0) {
                tags.remove("k0");
                tags.put(k, v);
              }
              return new Mutation(
                  "tag",
                  UnaryOperator.identity(),
                  p -> p.tags(tags),
                  in -> {
                    for (ObjectNode input : in.values()) {
                      if (tags.isEmpty()) {
                        input.remove("tags");
                      } else {
                        ArrayNode list = input.putArray("tags");
                        tags.forEach((tk, tv) -> list.addObject().put("key", tk).put("value", tv));
                      }
                    }
                  });
            });
  }

  private static Arbitrary<Mutation> variables() {
    return Combinators.combine(
            countNear(50), near(1000, true).injectNull(0.1), near(200, true).injectNull(0.2))
        .as(
            (n, defaultValue, description) -> {
              List<PipelineVariable> all = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                all.add(
                    i == 0
                        ? PipelineVariable.of("V0", defaultValue, description)
                        : PipelineVariable.of("V" + i, "x"));
              }
              return new Mutation(
                  "variable",
                  UnaryOperator.identity(),
                  p -> p.variables(all),
                  in -> {
                    ObjectNode pipeline = (ObjectNode) in.get(PIPELINE).get("pipeline");
                    if (all.isEmpty()) {
                      pipeline.remove("variables");
                      return;
                    }
                    ArrayNode list = pipeline.putArray("variables");
                    for (PipelineVariable v : all) {
                      ObjectNode m = list.addObject().put("name", v.name());
                      v.defaultValue().ifPresent(d -> m.put("defaultValue", d));
                      v.description().ifPresent(d -> m.put("description", d));
                    }
                  });
            });
  }

  @Provide
  Arbitrary<List<List<Mutation>>> definitions() {
    Arbitrary<Mutation> one =
        Arbitraries.oneOf(
            description(), computeType(), environmentType(), projectName(), tags(), variables());
    return one.list().ofMinSize(1).ofMaxSize(3).list().ofSize(CASES);
  }

  // --- the property ---------------------------------------------------------------------------

  private static Pipeline.Builder definition(List<Mutation> mutations) {
    CodeBuildProject.Builder project = project();
    for (Mutation m : mutations) {
      project = m.project().apply(project);
    }
    Pipeline.Builder pipeline =
        pipeline(
            Stage.named("Source", source()),
            Stage.named("Build", build().project(project.build()).build()),
            Stage.named("Deploy", deploy().build()));
    for (Mutation m : mutations) {
      pipeline = m.pipeline().apply(pipeline);
    }
    return pipeline;
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name), text);
  }

  /** The word our message must use for the field of a botocore problem. */
  private static String field(String problem) {
    if (problem.contains("$.description")) {
      return "description";
    }
    if (problem.contains("computeType")) {
      return "computeType";
    }
    if (problem.contains("$.environment.type")) {
      return "environmentType";
    }
    if (problem.contains("tags")) {
      return "tag";
    }
    if (problem.contains("variables")) {
      return "variable";
    }
    if (problem.contains("$.name") || problem.contains("ProjectName")) {
      return "name";
    }
    return problem;
  }

  @Property(tries = 1, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void acceptedDefinitionsPassBotocore_andWhatBotocoreRejectsOurRulesRejected(
      @ForAll("definitions") List<List<Mutation>> definitions) throws IOException {
    Path tmp = Files.createTempDirectory("aws-model-property");
    Synthesis base = Synthesis.of(definition(List.of()).build(), TestTool.ARTIFACT);
    List<DefinitionException> rejections = new ArrayList<>();
    for (int i = 0; i < definitions.size(); i++) {
      List<Mutation> mutations = definitions.get(i);
      String id = String.format("case-%03d", i);
      DefinitionException rejected = null;
      try {
        Synthesis s = Synthesis.of(definition(mutations).build(), TestTool.ARTIFACT);
        write(tmp.resolve("accepted").resolve(id), PIPELINE, s.files().get(PIPELINE));
        write(tmp.resolve("accepted").resolve(id), PROJECT, s.files().get(PROJECT));
      } catch (DefinitionException e) {
        rejected = e;
      }
      rejections.add(rejected);
      Map<String, ObjectNode> inputs = new LinkedHashMap<>();
      inputs.put(PIPELINE, (ObjectNode) JSON.readTree(base.files().get(PIPELINE)));
      inputs.put(PROJECT, (ObjectNode) JSON.readTree(base.files().get(PROJECT)));
      mutations.forEach(m -> m.patch().accept(inputs));
      for (Map.Entry<String, ObjectNode> input : inputs.entrySet()) {
        write(
            tmp.resolve("patched").resolve(id),
            input.getKey(),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(input.getValue()));
      }
    }

    Map<String, List<String>> results = BotocoreOracle.validate(tmp);

    int accepted = 0;
    int awsRejected = 0;
    int stricter = 0;
    for (int i = 0; i < definitions.size(); i++) {
      String id = String.format("case-%03d", i);
      List<String> awsProblems = new ArrayList<>();
      awsProblems.addAll(results.get("patched/" + id + "/" + PIPELINE));
      awsProblems.addAll(results.get("patched/" + id + "/" + PROJECT));
      DefinitionException rejected = rejections.get(i);
      String what = id + " " + definitions.get(i);
      if (rejected == null) {
        accepted++;
        assertThat(results.get("accepted/" + id + "/" + PIPELINE)).as(what).isEmpty();
        assertThat(results.get("accepted/" + id + "/" + PROJECT)).as(what).isEmpty();
        assertThat(awsProblems).as(what + ": the same values patched in").isEmpty();
      } else if (!awsProblems.isEmpty()) {
        awsRejected++;
        for (String problem : awsProblems) {
          assertThat(rejected.getMessage()).as(what + ": " + problem).contains(field(problem));
        }
      } else {
        stricter++;
      }
    }
    System.out.printf(
        "aws-model property: %d definitions, %d accepted (botocore agrees), %d rejected by botocore"
            + " and by our rules, %d rejected by our rules only (aws: prefix, CodeBuild's tag"
            + " limits, one-line text)%n",
        definitions.size(), accepted, awsRejected, stricter);
    assertThat(accepted).as("accepted definitions").isGreaterThanOrEqualTo(CASES / 10);
    assertThat(awsRejected).as("definitions botocore rejects").isGreaterThanOrEqualTo(CASES / 10);
  }
}
