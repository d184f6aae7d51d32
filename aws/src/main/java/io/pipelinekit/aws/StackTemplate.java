package io.pipelinekit.aws;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.internal.BoundedYaml;
import io.pipelinekit.core.internal.DidYouMean;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A CloudFormation template file as {@code deploy-stack} sends it: the file's text, unchanged (JSON
 * or YAML, short-form tags such as {@code !Ref} included), read with the shared bounded YAML loader
 * only to learn what the deploy needs — the declared parameters (and which have a default), the
 * resource types (for the capabilities to acknowledge) and whether a {@code Transform} is used.
 *
 * <p>CloudFormation takes at most 51,200 bytes inline ({@code TemplateBody}); a larger template
 * must be uploaded to S3 and passed as {@code TemplateURL}, which takes at most 1 MB
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html).
 * {@link #read} is for the first, {@link #readForUpload} for the second (with {@link
 * TemplateBucket}); a file over the limit is refused before any call, naming its size.
 */
public final class StackTemplate {
  /** CloudFormation's limit for a template sent inline ({@code TemplateBody}), in bytes. */
  public static final int MAX_BODY_BYTES = 51_200;

  /** CloudFormation's limit for a template it reads from S3 ({@code TemplateURL}): 1 MB. */
  public static final int MAX_URL_BYTES = 1_048_576;

  private static final int MAX_DEPTH = 64;
  private static final int MAX_ALIASES = 50;

  private final Path file;
  private final String body;
  private final Map<String, Boolean> parameters;
  private final Map<String, String> resourceTypes;
  private final boolean transform;

  private StackTemplate(
      Path file,
      String body,
      Map<String, Boolean> parameters,
      Map<String, String> resourceTypes,
      boolean transform) {
    this.file = file;
    this.body = body;
    this.parameters = Collections.unmodifiableMap(parameters);
    this.resourceTypes = Collections.unmodifiableMap(resourceTypes);
    this.transform = transform;
  }

  /**
   * Reads and checks {@code file} to be sent inline: a regular file of at most {@link
   * #MAX_BODY_BYTES}, UTF-8, JSON or YAML whose top level is a mapping with a non-empty {@code
   * Resources} mapping, each resource with a {@code Type}.
   *
   * @throws StackTemplateException naming the file (and line and column) and what to do; for a
   *     larger file, its size and that {@code --s3-bucket} uploads it
   */
  public static StackTemplate read(Path file) {
    return read(file, MAX_BODY_BYTES);
  }

  /**
   * Reads and checks {@code file} as {@link #read} does, to be uploaded to S3 and read from there
   * by CloudFormation: at most {@link #MAX_URL_BYTES}.
   *
   * @throws StackTemplateException naming the file (and line and column) and what to do
   */
  public static StackTemplate readForUpload(Path file) {
    return read(file, MAX_URL_BYTES);
  }

  private static StackTemplate read(Path file, int maxBytes) {
    Objects.requireNonNull(file, "file");
    Optional<String> notAFile = FileProblems.notARegularFile(file);
    if (notAFile.isPresent()) {
      throw new StackTemplateException(file + ": " + notAFile.get() + "; check --template");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new StackTemplateException(file + ": cannot read: " + FileProblems.describe(e), e);
    }
    if (bytes.length > maxBytes) {
      long size = bytes.length;
      try {
        size = Files.size(file);
      } catch (IOException ignored) {
        // the bytes read are enough to say it is too large
      }
      String sized =
          file + ": " + (size > maxBytes ? size + " bytes" : "more than " + maxBytes + " bytes");
      if (maxBytes == MAX_BODY_BYTES) {
        throw new StackTemplateException(
            sized
                + " is over CloudFormation's limit of "
                + MAX_BODY_BYTES
                + " bytes for a template sent with the request; a larger template is uploaded to"
                + " S3 and deployed from there (TemplateURL, up to 1 MB): pass --s3-bucket BUCKET"
                + " (a bucket in the stack's region), or shrink the template (e.g. minify the"
                + " JSON, split it into stacks)");
      }
      throw new StackTemplateException(
          sized
              + " is over CloudFormation's limit of "
              + maxBytes
              + " bytes (1 MB) for a template read from S3; shrink it (e.g. minify the JSON) or"
              + " split it into nested stacks");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new StackTemplateException(file + ": not UTF-8 text; save the template as UTF-8");
    }
    if (text.isBlank()) {
      throw new StackTemplateException(file + ": empty; a template needs a Resources section");
    }
    return parse(file, text, maxBytes);
  }

  private static StackTemplate parse(Path file, String text, int maxBytes) {
    if (text.strip().startsWith("{")) {
      return parseJson(file, text);
    }
    Node root;
    try {
      root =
          BoundedYaml.composer(
                  text, BoundedYaml.options(maxBytes + 1, MAX_DEPTH, MAX_ALIASES, false))
              .getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new StackTemplateException(
          file
              + (m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              + ": not valid JSON or YAML: "
              + problem.strip(),
          e);
    } catch (YAMLException e) {
      throw new StackTemplateException(file + ": not valid JSON or YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof MappingNode top)) {
      throw new StackTemplateException(
          file + ": the top level is not a mapping; a template is an object with Resources");
    }
    Map<String, Boolean> parameters = new LinkedHashMap<>();
    Map<String, String> resources = new LinkedHashMap<>();
    boolean transform = false;
    for (NodeTuple t : top.getValue()) {
      String key = scalar(t.getKeyNode());
      if ("Transform".equals(key)) {
        transform = true;
      } else if ("Parameters".equals(key)) {
        MappingNode params = mapping(file, t.getValueNode(), "Parameters");
        for (NodeTuple p : params.getValue()) {
          String name = scalar(p.getKeyNode());
          boolean hasDefault =
              p.getValueNode() instanceof MappingNode pm
                  && pm.getValue().stream().anyMatch(x -> "Default".equals(scalar(x.getKeyNode())));
          parameters.put(name, hasDefault);
        }
      } else if ("Resources".equals(key)) {
        MappingNode rs = mapping(file, t.getValueNode(), "Resources");
        for (NodeTuple r : rs.getValue()) {
          String logicalId = scalar(r.getKeyNode());
          String type = null;
          if (r.getValueNode() instanceof MappingNode rm) {
            for (NodeTuple f : rm.getValue()) {
              if ("Type".equals(scalar(f.getKeyNode()))) {
                type = scalar(f.getValueNode());
              }
            }
          }
          if (type == null || type.isBlank()) {
            throw new StackTemplateException(
                at(file, r.getKeyNode())
                    + ": resource '"
                    + logicalId
                    + "' has no Type; give it one, e.g. Type: AWS::S3::Bucket");
          }
          resources.put(logicalId, type);
        }
      }
    }
    if (resources.isEmpty()) {
      throw new StackTemplateException(
          file + ": no Resources; a CloudFormation template declares at least one resource");
    }
    return new StackTemplate(file, text, parameters, resources, transform);
  }

  /** JSON read as JSON (a tab or other JSON that YAML 1.1 reads differently is fine). */
  private static StackTemplate parseJson(Path file, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new StackTemplateException(
          file
              + (l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr())
              + ": not valid JSON: "
              + e.getOriginalMessage(),
          e);
    }
    if (!root.isObject()) {
      throw new StackTemplateException(
          file + ": the top level is not an object; a template is an object with Resources");
    }
    Map<String, Boolean> parameters = new LinkedHashMap<>();
    JsonNode params = root.path("Parameters");
    if (!params.isMissingNode() && !params.isObject()) {
      throw new StackTemplateException(
          file + ": Parameters is not an object of names to declarations");
    }
    params.fields().forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().has("Default")));
    JsonNode rs = root.path("Resources");
    if (!rs.isMissingNode() && !rs.isObject()) {
      throw new StackTemplateException(
          file + ": Resources is not an object of names to declarations");
    }
    Map<String, String> resources = new LinkedHashMap<>();
    rs.fields()
        .forEachRemaining(
            r -> {
              JsonNode type = r.getValue().path("Type");
              if (!type.isTextual() || type.asText().isBlank()) {
                throw new StackTemplateException(
                    file
                        + ": resource '"
                        + r.getKey()
                        + "' (/Resources/"
                        + r.getKey()
                        + ") has no Type; give it one, e.g. \"Type\": \"AWS::S3::Bucket\"");
              }
              resources.put(r.getKey(), type.asText());
            });
    if (resources.isEmpty()) {
      throw new StackTemplateException(
          file + ": no Resources; a CloudFormation template declares at least one resource");
    }
    return new StackTemplate(file, text, parameters, resources, root.has("Transform"));
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private static MappingNode mapping(Path file, Node node, String section) {
    if (node instanceof MappingNode m) {
      return m;
    }
    throw new StackTemplateException(
        at(file, node) + ": " + section + " is not a mapping of names to declarations");
  }

  private static String at(Path file, Node node) {
    Mark m = node.getStartMark();
    return m == null ? file.toString() : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  public Path file() {
    return file;
  }

  /** The file's text, sent unchanged as {@code TemplateBody} or uploaded unchanged to S3. */
  public String body() {
    return body;
  }

  /** The declared parameters, in template order. */
  public Set<String> parameterNames() {
    return parameters.keySet();
  }

  /** Whether parameter {@code name} has a {@code Default}. */
  public boolean hasDefault(String name) {
    return Boolean.TRUE.equals(parameters.get(name));
  }

  /** Logical id to resource type, in template order. */
  public Map<String, String> resourceTypes() {
    return resourceTypes;
  }

  /**
   * The capabilities to acknowledge: {@code CAPABILITY_NAMED_IAM} when the template has any {@code
   * AWS::IAM::*} resource (it covers IAM resources with and without custom names, so one capability
   * does for both), {@code CAPABILITY_AUTO_EXPAND} when it has a {@code Transform} (macros).
   * Without them CloudFormation refuses with InsufficientCapabilities
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html,
   * Capabilities).
   */
  public List<String> capabilities() {
    List<String> caps = new ArrayList<>();
    if (resourceTypes.values().stream().anyMatch(t -> t.startsWith("AWS::IAM::"))) {
      caps.add("CAPABILITY_NAMED_IAM");
    }
    if (transform) {
      caps.add("CAPABILITY_AUTO_EXPAND");
    }
    return List.copyOf(caps);
  }

  /**
   * Checks {@code --parameter} values against the template: each name must be declared.
   *
   * @throws StackTemplateException for an undeclared name (with the declared ones and a suggestion)
   */
  public void checkParameters(Map<String, String> given) {
    for (String name : given.keySet()) {
      if (!parameters.containsKey(name)) {
        String suggestion =
            DidYouMean.suggest(name, parameters.keySet())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
        throw new StackTemplateException(
            "--parameter "
                + name
                + ": "
                + file
                + " declares no parameter '"
                + name
                + "'"
                + suggestion
                + "; "
                + (parameters.isEmpty()
                    ? "it declares no Parameters at all"
                    : "its parameters are " + String.join(", ", parameters.keySet())));
      }
    }
  }

  /**
   * The parameters that have no default and are not in {@code given}: a new stack cannot be created
   * without them.
   */
  public List<String> missingParameters(Map<String, String> given) {
    Set<String> missing = new LinkedHashSet<>();
    parameters.forEach(
        (name, hasDefault) -> {
          if (!hasDefault && !given.containsKey(name)) {
            missing.add(name);
          }
        });
    return List.copyOf(missing);
  }
}
