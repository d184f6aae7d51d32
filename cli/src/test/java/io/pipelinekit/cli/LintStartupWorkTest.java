package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work a short {@code pipeline lint} of an OpenAPI document does not need, and used to do before it
 * read the document: building the 59 pipeline structure rules (only {@code --disable}'s check of an
 * unknown id needs them), and asking every jar of {@code lib/} for swagger-parser's service files
 * (opening each of a hundred jars on a cold JVM). Each run is in a class loader of its own that
 * records the classes it defined and the resources it was asked for.
 */
class LintStartupWorkTest {
  @TempDir Path tmp;

  @Test
  void lintOfAnOpenApiDocument_buildsNoPipelineStructureRule() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    for (String[] args :
        new String[][] {
          {"lint", api.toString()},
          {"lint", "--disable", "oas-unknown-field,apigw-integration-missing", api.toString()}
        }) {
      try (RecordingLoader loader = new RecordingLoader()) {
        assertThat(loader.run(args)).as(loader.err).isBetween(0, 1);
        assertThat(loader.definedClasses())
            .as(String.join(" ", args))
            .isNotEmpty()
            .noneMatch(c -> c.startsWith("io.pipelinekit.pipeline.internal.rules."));
      }
    }
  }

  @Test
  void lintOfAnOpenApiDocument_looksUpNoServiceProvider() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    try (RecordingLoader loader = new RecordingLoader()) {
      assertThat(loader.run("lint", api.toString())).as(loader.err).isBetween(0, 1);
      assertThat(loader.out).contains("openapi.yaml");
      assertThat(loader.resources()).noneMatch(r -> r.startsWith("META-INF/services/"));
    }
  }

  @Test
  void disablingAPipelineStructureRule_isStillAUsageError() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    try (RecordingLoader loader = new RecordingLoader()) {
      assertThat(loader.run("lint", "--disable", "pipeline-source-first", api.toString()))
          .isEqualTo(2);
      assertThat(loader.err).contains("'pipeline-source-first' in --disable is a pipeline");
    }
  }

  /** Loads the command line apart from this test's classes; records what it defines and asks. */
  private static final class RecordingLoader extends URLClassLoader {
    private final List<String> defined = Collections.synchronizedList(new ArrayList<>());
    private final List<String> resources = Collections.synchronizedList(new ArrayList<>());
    private String out = "";
    private String err = "";

    RecordingLoader() throws MalformedURLException {
      super(urls(), ClassLoader.getPlatformClassLoader());
    }

    private static URL[] urls() throws MalformedURLException {
      String cp = System.getProperty("surefire.test.class.path");
      if (cp == null || cp.isBlank()) {
        cp = System.getProperty("java.class.path");
      }
      List<URL> urls = new ArrayList<>();
      for (String entry : cp.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          urls.add(new File(entry).toURI().toURL());
        }
      }
      return urls.toArray(URL[]::new);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      Class<?> c = super.findClass(name);
      defined.add(name);
      return c;
    }

    @Override
    public URL findResource(String name) {
      resources.add(name);
      return super.findResource(name);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
      resources.add(name);
      return super.findResources(name);
    }

    List<String> definedClasses() {
      return List.copyOf(defined);
    }

    List<String> resources() {
      return List.copyOf(resources);
    }

    int run(String... args) throws ReflectiveOperationException {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(this);
      try {
        Class<?> cli = loadClass(PipelineCli.class.getName());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code =
            (int)
                cli.getMethod("execute", PrintWriter.class, PrintWriter.class, String[].class)
                    .invoke(null, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }

  private static final String SMALL_OPENAPI =
      """
      openapi: 3.0.3
      info: {title: small, version: 1.0.0}
      paths:
        /items:
          get:
            operationId: listItems
            x-amazon-apigateway-integration: {type: mock}
            responses:
              '200':
                description: the items
                content:
                  application/json:
                    schema: {type: array, items: {type: string}}
      """;
}
