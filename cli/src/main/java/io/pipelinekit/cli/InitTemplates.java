package io.pipelinekit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files {@code pipeline init} writes, from templates in this package's {@code init/} resources:
 * {@code {{name}}} is replaced by a value, {@code {{#flag}}…{{/flag}}} is kept only when the flag
 * is on ({@code {{^flag}}…{{/flag}}} only when it is off). A tag alone on its line takes the line
 * with it. A name that is not given is a bug (an exception), never an empty string: the same values
 * give the same bytes.
 */
final class InitTemplates {
  private static final Pattern STANDALONE =
      Pattern.compile("(?m)^[ \\t]*(\\{\\{[#^/][A-Za-z]+\\}\\})[ \\t]*\\n");
  private static final Pattern SECTION =
      Pattern.compile("\\{\\{([#^])([A-Za-z]+)\\}\\}(.*?)\\{\\{/\\2\\}\\}", Pattern.DOTALL);
  private static final Pattern VALUE = Pattern.compile("\\{\\{([A-Za-z]+)\\}\\}");

  private InitTemplates() {}

  /** The template {@code init/NAME} rendered with these values and flags. */
  static String render(String name, Map<String, String> values, Map<String, Boolean> flags) {
    return renderText(load(name), values, flags);
  }

  static String renderText(
      String template, Map<String, String> values, Map<String, Boolean> flags) {
    String text = STANDALONE.matcher(template).replaceAll("$1");
    Matcher section = SECTION.matcher(text);
    StringBuilder kept = new StringBuilder();
    while (section.find()) {
      Boolean on = flags.get(section.group(2));
      if (on == null) {
        throw new IllegalStateException("template flag not set: " + section.group(2));
      }
      boolean keep = section.group(1).equals("#") == on;
      section.appendReplacement(kept, Matcher.quoteReplacement(keep ? section.group(3) : ""));
    }
    section.appendTail(kept);
    Matcher value = VALUE.matcher(kept);
    StringBuilder out = new StringBuilder();
    while (value.find()) {
      String v = values.get(value.group(1));
      if (v == null) {
        throw new IllegalStateException("template value not set: " + value.group(1));
      }
      value.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    value.appendTail(out);
    if (out.indexOf("{{") >= 0) {
      throw new IllegalStateException("unrendered template tag in: " + out);
    }
    return out.toString();
  }

  private static String load(String name) {
    try (InputStream in = InitTemplates.class.getResourceAsStream("init/" + name)) {
      if (in == null) {
        throw new IllegalStateException("template missing from the jar: init/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
