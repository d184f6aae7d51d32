package io.pipelinekit.buildspec.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Counts the test results in report files: JUnit XML ({@code <testcase>} with {@code <failure>},
 * {@code <error>}, {@code <skipped>}), TestNG XML ({@code <test-method>} by status) and Cucumber
 * JSON (scenarios, failed when a step failed). The formats are those the buildspec reference lists
 * under {@code reports/file-format}
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.reports).
 * Other formats (coverage, NUnit, TRX) are found and counted as files, not summarised.
 */
public final class Reports {
  /** Counts of one file or one group; {@code parsed} false when the format is not summarised. */
  public record Counts(int tests, int failures, int errors, int skipped, boolean parsed) {
    Counts plus(Counts o) {
      return new Counts(
          tests + o.tests, failures + o.failures, errors + o.errors, skipped + o.skipped, parsed);
    }
  }

  private Reports() {}

  /** Whether the format's files are summarised here. */
  public static boolean summarised(String format) {
    return List.of("JUNITXML", "TESTNGXML", "CUCUMBERJSON").contains(format);
  }

  /**
   * The counts of {@code files} in {@code format}; throws with a reason when a file is unreadable.
   */
  public static Counts count(String format, List<Path> files) throws Exception {
    Counts total = new Counts(0, 0, 0, 0, summarised(format));
    if (!summarised(format)) {
      return total;
    }
    for (Path file : files) {
      total =
          total.plus(
              switch (format) {
                case "JUNITXML" -> junit(file);
                case "TESTNGXML" -> testng(file);
                default -> cucumber(file);
              });
    }
    return total;
  }

  private static Counts junit(Path file) throws Exception {
    NodeList cases = xml(file).getElementsByTagName("testcase");
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (hasChild(c, "failure")) {
        failures++;
      } else if (hasChild(c, "error")) {
        errors++;
      } else if (hasChild(c, "skipped")) {
        skipped++;
      }
    }
    return new Counts(cases.getLength(), failures, errors, skipped, true);
  }

  private static Counts testng(Path file) throws Exception {
    NodeList methods = xml(file).getElementsByTagName("test-method");
    int tests = 0;
    int failures = 0;
    int skipped = 0;
    for (int i = 0; i < methods.getLength(); i++) {
      Element m = (Element) methods.item(i);
      if ("true".equals(m.getAttribute("is-config"))) {
        continue;
      }
      tests++;
      String status = m.getAttribute("status").toUpperCase(Locale.ROOT);
      if (status.equals("FAIL")) {
        failures++;
      } else if (status.equals("SKIP")) {
        skipped++;
      }
    }
    return new Counts(tests, failures, 0, skipped, true);
  }

  private static Counts cucumber(Path file) throws Exception {
    JsonNode features = new ObjectMapper().readTree(file.toFile());
    int tests = 0;
    int failures = 0;
    int skipped = 0;
    for (JsonNode feature : features) {
      for (JsonNode element : feature.path("elements")) {
        if (element.path("type").asText("scenario").equals("background")) {
          continue;
        }
        tests++;
        boolean failed = false;
        boolean passed = true;
        for (JsonNode step : element.path("steps")) {
          String status = step.path("result").path("status").asText("");
          failed |= status.equals("failed");
          passed &= status.equals("passed");
        }
        if (failed) {
          failures++;
        } else if (!passed) {
          skipped++;
        }
      }
    }
    return new Counts(tests, failures, 0, skipped, true);
  }

  private static boolean hasChild(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child && child.getTagName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** A DOM without DTDs or external entities (report files are build output, not trusted). */
  private static org.w3c.dom.Document xml(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    try (InputStream in = Files.newInputStream(file)) {
      return builder.parse(in);
    }
  }
}
