package io.pipelinekit.pipeline.internal.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS's own constraints on every member of the CreatePipeline and CreateProject inputs — minimum
 * and maximum length or count, pattern, enum — as botocore's service models state them
 * (codepipeline 2015-07-09, codebuild 2016-10-06). Read from {@code aws-model-constraints.tsv}
 * beside this class, which {@code pipeline/src/test/resources/botocore/aws_model.py table} writes;
 * a test regenerates it from botocore and fails when it differs, so it cannot drift.
 *
 * <p>Paths name members as the API references do: {@code pipeline.stages[].actions[].name}, with
 * {@code []} for a list's items and {@code {key}}/{@code {value}} for a map's. AWS's references:
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_CreatePipeline.html,
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html.
 */
final class AwsModelTable {
  static final String CREATE_PIPELINE = "CreatePipeline";
  static final String CREATE_PROJECT = "CreateProject";

  /**
   * One member's constraints; {@code min}/{@code max} are lengths for strings, counts for lists and
   * maps, values for integers; null when the model gives none.
   */
  record Constraint(
      String operation,
      String path,
      String shape,
      String type,
      Integer min,
      Integer max,
      Pattern pattern,
      List<String> values) {

    /** {@code ProjectDescription in AWS's CodeBuild API model}. */
    String source() {
      return shape
          + " in AWS's "
          + (operation.equals(CREATE_PIPELINE) ? "CodePipeline" : "CodeBuild")
          + " API model";
    }
  }

  private static final Map<String, Map<String, Constraint>> TABLE = load();

  private AwsModelTable() {}

  /** The constraints of {@code operation}'s member at {@code path}, or null when it has none. */
  static Constraint find(String operation, String path) {
    Map<String, Constraint> members = TABLE.get(operation);
    return members == null ? null : members.get(path);
  }

  /** The constraints at {@code path}; fails when the table has none (a rule's typo). */
  static Constraint get(String operation, String path) {
    Constraint c = find(operation, path);
    if (c == null) {
      throw new IllegalStateException("no AWS model constraint for " + operation + " " + path);
    }
    return c;
  }

  /** Whether {@code path} is a map in the model (its keys or values have constraints). */
  static boolean isMap(String operation, String path) {
    Map<String, Constraint> members = TABLE.get(operation);
    if (members == null) {
      return false;
    }
    Constraint c = members.get(path);
    if (c != null) {
      return c.type().equals("map");
    }
    return members.containsKey(path + "{key}") || members.containsKey(path + "{value}");
  }

  /** Every constraint, in the table's order. */
  static List<Constraint> all() {
    List<Constraint> all = new ArrayList<>();
    TABLE.values().forEach(m -> all.addAll(m.values()));
    return all;
  }

  private static Map<String, Map<String, Constraint>> load() {
    String text;
    try (InputStream in = AwsModelTable.class.getResourceAsStream("aws-model-constraints.tsv")) {
      if (in == null) {
        throw new IllegalStateException("aws-model-constraints.tsv is missing from the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Map<String, Constraint>> table = new LinkedHashMap<>();
    // Many members share a pattern (".*", names, role ARNs): each is compiled once.
    Map<String, Pattern> patterns = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 8) {
        throw new IllegalStateException("aws-model-constraints.tsv: bad line: " + line);
      }
      Constraint c =
          new Constraint(
              f[0],
              f[1],
              f[2],
              f[3],
              f[4].isEmpty() ? null : Integer.valueOf(f[4]),
              f[5].isEmpty() ? null : Integer.valueOf(f[5]),
              f[6].isEmpty() ? null : patterns.computeIfAbsent(f[6], Pattern::compile),
              f[7].isEmpty() ? List.of() : List.of(f[7].split("\\|")));
      table.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], c);
    }
    table.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    return Collections.unmodifiableMap(table);
  }
}
