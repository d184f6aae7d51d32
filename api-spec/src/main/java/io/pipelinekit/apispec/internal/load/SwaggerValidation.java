package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.parser.util.SwaggerDeserializer;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.extensions.JsonSchemaParserExtension;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Validates the raw tree with swagger-parser's deserializers (OpenAPI 3.0/3.1, and Swagger 2.0 via
 * the 1.x parser). swagger-parser is given the tree the safe loader built: it never reads text,
 * files or URLs here, so its own YAML limits (3 MiB code points, aliases) and its resolver play no
 * part. Each message is sorted into a rule of its own ({@code oas-*}) by kind of violation, with
 * the severity that matches what API Gateway's REST import does with it ({@link Classifier}), and
 * mapped to the line of the node it names.
 */
public final class SwaggerValidation {
  /** The rule ids swagger-parser's messages are sorted into. */
  public static final java.util.Set<String> RULES = Classifier.RULES;

  /** The rule of a document swagger-parser could not read at all. */
  static final String UNREADABLE_RULE = "oas-wrong-type";

  /**
   * The class loader swagger-parser looks up its {@link JsonSchemaParserExtension}s in: the
   * deserializer runs with it as the thread's context class loader, so that this is the only one.
   */
  private static final ClassLoader LOADER = JsonSchemaParserExtension.class.getClassLoader();

  private SwaggerValidation() {}

  /**
   * swagger-parser looks for {@link JsonSchemaParserExtension} services (a {@code ServiceLoader}
   * scan of every jar's {@code META-INF/services}, opening each jar of the classpath on a cold JVM)
   * the first time it reads a schema, and caches what it found per class loader. No jar of ours
   * provides one, and validation is swagger-parser's own rules only, whatever else is on the
   * classpath (a definition's jars, with {@code PIPELINE_CLASSPATH}): the cache is given the answer
   * "none" before any deserializer runs. Should swagger-parser lose that cache, it looks them up as
   * before (slower, same findings).
   */
  private static final class NoSchemaParserExtensions {
    /** Whether the cache holds "none" for {@link #LOADER}: false with another swagger-parser. */
    static final boolean SEEDED = seed();

    private NoSchemaParserExtensions() {}

    static void ensure() {
      // the class initialiser did it
    }
  }

  // on the first deserializing thread (initialising OpenAPIDeserializer takes a while), once
  private static boolean seed() {
    try {
      java.lang.reflect.Field field =
          OpenAPIDeserializer.class.getDeclaredField("jsonSchemaParserExtensionMap");
      field.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<ClassLoader, List<JsonSchemaParserExtension>> cache =
          (Map<ClassLoader, List<JsonSchemaParserExtension>>) field.get(null);
      synchronized (cache) {
        cache.putIfAbsent(LOADER, List.of());
        return cache.get(LOADER).isEmpty();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Another swagger-parser version: it scans for extensions itself.
      return false;
    }
  }

  /**
   * What every OpenAPI 3 validation needs first, whatever the document, done once per JVM (the
   * first thread to get here does it; any other waits for it rather than doing it too): {@code
   * OpenAPIDeserializer} initialised and its extension cache seeded; Jackson's {@code ObjectMapper}
   * initialised (swagger-parser makes one per document; its date format reads the JDK's locale
   * data); and the JDK's {@code http} and {@code https} URL handlers found (swagger-parser checks
   * each server URL with {@code new URL}; the first look-up of a scheme asks every jar on the class
   * path for a {@code URLStreamHandlerProvider}, and two threads asking at once both scan). Not
   * swagger-core's shared mapper ({@code Json.mapper()}, ~90 ms on a cold JVM): OpenAPI 3.0
   * validation no longer needs it ({@link MessagesDeserializer}); 3.1's unknown schema keywords
   * make it when they need it.
   */
  private static final class Prepared {
    static {
      try {
        NoSchemaParserExtensions.ensure();
        ObjectMapper.class.getName();
        new URL("https://example.com/v1");
        new URL("http://example.com");
      } catch (MalformedURLException | RuntimeException | LinkageError e) {
        // Only a head start: the validation does whatever is left (a class loader closed under
        // it, say, as an embedder's may be once the lint it was started for is over).
      }
    }

    private Prepared() {}

    static void ensure() {
      // the class initialiser did it
    }
  }

  /**
   * Starts {@link Prepared}'s work on another thread, for a caller that validates soon and has a
   * little to do first; the validation then uses what it made (waiting for it if need be) instead
   * of making it again.
   */
  public static void prepareInBackground() {
    startDaemon("swagger-parser-preparation", new Preparing());
  }

  /**
   * The preparation as a class of its own, neither a lambda nor a method reference: {@link
   * Prepared} is then loaded on that thread, not the caller's, and the caller does not link a
   * lambda here. A lint's first lambda sets up the JVM's lambda machinery (about 0.008 s on a cold
   * JVM); this way the preparation thread does it, while the caller reads its arguments.
   */
  private static final class Preparing implements Runnable {
    @Override
    public void run() {
      Prepared.ensure();
    }
  }

  /** Starts {@code work} on a daemon thread whose context class loader is swagger-parser's. */
  private static Thread startDaemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.setContextClassLoader(LOADER);
    t.start();
    return t;
  }

  /**
   * {@link #validate} of {@code document} on a thread of its own, started now: while the caller is
   * still reading the document, that thread gets swagger-parser ready ({@link Prepared}); then it
   * waits for the document and validates it. This is the only swagger-parser work of a lint: no
   * practice document is read or validated. The result fails as {@code document} does when it
   * cannot be read (the validation is then skipped).
   */
  public static CompletableFuture<List<Finding>> validateInBackground(
      CompletableFuture<LoadedDocument> document) {
    CompletableFuture<List<Finding>> result = new CompletableFuture<>();
    startDaemon(
        "swagger-parser-validation",
        () -> {
          try {
            Prepared.ensure();
            result.complete(validate(document.join()));
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** swagger-parser's messages as findings, in the order it reported them. */
  public static List<Finding> validate(LoadedDocument doc) {
    JsonNode root = doc.root();
    List<String> messages;
    try {
      messages = messages(doc);
    } catch (RuntimeException e) {
      // swagger-parser gave up on a shape it does not expect; report that instead of crashing.
      return List.of(
          new Finding(
              UNREADABLE_RULE,
              Severity.ERROR,
              doc.locate(""),
              "swagger-parser could not read the document ("
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage())
                  + "); check its structure against the OpenAPI specification"));
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    if (messages == null) {
      return findings;
    }
    for (String message : messages) {
      if (message == null || !seen.add(message)) {
        continue;
      }
      String pointer = pointerOf(message, root);
      if (isDeclaredGreedyParameter(message, root, pointer)) {
        continue;
      }
      Classifier.Classified c = Classifier.classify(message, root, pointer);
      if (c != null) {
        findings.add(new Finding(c.rule(), c.severity(), doc.locate(pointer), c.message()));
      }
    }
    return findings;
  }

  /** Compiled on the first message ({@link Classifier}'s patterns likewise). */
  private static final class Greedy {
    static final java.util.regex.Pattern PATTERN =
        java.util.regex.Pattern.compile(
            "Declared path parameter ([^\\s+]+)\\+ needs to be defined");

    private Greedy() {}
  }

  /**
   * API Gateway's greedy path variable {@code {proxy+}} is declared as a path parameter named
   * {@code proxy}; swagger-parser, reading the OpenAPI rules literally, asks for one named {@code
   * proxy+}. That message is dropped when the path item or an operation declares the plain name.
   */
  private static boolean isDeclaredGreedyParameter(String message, JsonNode root, String pointer) {
    java.util.regex.Matcher m = Greedy.PATTERN.matcher(message);
    if (!m.find() || !pointer.startsWith("/paths/")) {
      return false;
    }
    JsonNode item = root.at(pointer);
    if (!item.isObject()) {
      return false;
    }
    String name = m.group(1);
    List<JsonNode> lists = new ArrayList<>();
    lists.add(item.path("parameters"));
    item.forEach(op -> lists.add(op.path("parameters")));
    for (JsonNode list : lists) {
      for (JsonNode p : list) {
        if (name.equals(p.path("name").asText()) && "path".equals(p.path("in").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> messages(LoadedDocument doc) {
    JsonNode root = doc.root();
    if (root.has("swagger")) {
      SwaggerDeserializationResult result = new SwaggerDeserializer().deserialize(root);
      return result.getMessages();
    }
    return deserialize(root, doc.file().toString());
  }

  /**
   * swagger-parser's OpenAPI 3 deserializer's messages on {@code root}, in {@link #LOADER}: what
   * {@code OpenAPIDeserializer.deserialize(root, location, options)} does, less its first step.
   * That step copies the whole tree into a {@code Map} (Jackson's {@code convertValue}) for schema
   * parser extensions alone; with none (the cache seeded above) nothing reads the copy, which on a
   * 4 MB document is ~0.12 s of CPU before the first check. When the cache could not be seeded, or
   * the root is no object, the deserializer runs whole.
   */
  static List<String> deserialize(JsonNode root, String location) {
    NoSchemaParserExtensions.ensure();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(LOADER);
    try {
      // (of its own type: as an OpenAPIDeserializer, the verifier would load both classes with
      // this one, on the command line's thread, instead of the preparation's)
      MessagesDeserializer deserializer = new MessagesDeserializer();
      // deserialize(JsonNode, String, ParseOptions) hands a new ParseOptions on, not the caller's
      // (swagger-parser 2.1): its defaults are what both paths use.
      ParseOptions options = new ParseOptions();
      if (!NoSchemaParserExtensions.SEEDED || !root.isObject()) {
        // (the copy of a root that is no object fails: the same failure for the caller)
        return deserializer.deserialize(root, location, options).getMessages();
      }
      OpenAPIDeserializer.ParseResult result = new OpenAPIDeserializer.ParseResult();
      result.setOaiAuthor(options.isOaiAuthor());
      result.setInferSchemaType(options.isInferSchemaType());
      result.setAllowEmptyStrings(options.isAllowEmptyString());
      result.setValidateInternalRefs(options.isValidateInternalRefs());
      result.setExplicitStyleAndExplode(options.isExplicitStyleAndExplode());
      try {
        deserializer.parseRoot(root, result, location);
        return result.getMessages();
      } catch (Exception e) {
        // as deserialize reports a deserializer that fails
        String message = e.getMessage();
        return List.of(
            message != null && !message.isBlank()
                ? message
                : "Unexpected error deserialising spec");
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The JSON pointer of the deepest existing node a swagger-parser message names: {@code attribute
   * paths.'/pets'(get).responses is missing} → {@code /paths/~1pets/get}.
   */
  static String pointerOf(String message, JsonNode root) {
    int start = message.indexOf("attribute ");
    String path = start < 0 ? message : message.substring(start + "attribute ".length());
    List<String> segments = segments(path);
    StringBuilder pointer = new StringBuilder();
    JsonNode node = root;
    for (String segment : segments) {
      JsonNode child = node.isObject() ? node.get(segment) : null;
      if (child == null && node.isArray()) {
        try {
          child = node.get(Integer.parseInt(segment));
        } catch (NumberFormatException e) {
          child = null;
        }
      }
      if (child == null) {
        break;
      }
      pointer.append('/').append(LoadedDocument.escape(segment));
      node = child;
    }
    return pointer.toString();
  }

  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\'') {
        int end = path.indexOf('\'', i + 1);
        if (end < 0) {
          break;
        }
        current.append(path, i + 1, end);
        i = end;
      } else if (c == '(') {
        int end = path.indexOf(')', i + 1);
        if (end < 0) {
          break;
        }
        flush(out, current);
        out.add(path.substring(i + 1, end).toLowerCase(Locale.ROOT));
        i = end;
      } else if (c == '.') {
        flush(out, current);
      } else if (c == ' ' || c == ',') {
        break;
      } else {
        current.append(c);
      }
    }
    flush(out, current);
    return out;
  }

  private static void flush(List<String> out, StringBuilder current) {
    if (current.length() > 0) {
      out.add(current.toString());
      current.setLength(0);
    }
  }
}
