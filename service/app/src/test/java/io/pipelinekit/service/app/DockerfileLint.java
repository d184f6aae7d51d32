package io.pipelinekit.service.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks of a Dockerfile (there is no Docker engine here): pinned, non-latest base images; a
 * non-root USER in the final stage; the expected EXPOSE; no secrets in ENV or ARG.
 */
final class DockerfileLint {

  /** One instruction, continuation lines joined, with the line it starts on. */
  record Instruction(int line, String keyword, String args) {}

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(secret|passw(or)?d|token|api_?key|access_?key|private_?key|credential).*");
  private static final Pattern AWS_KEY = Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}");
  private static final Pattern VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

  private DockerfileLint() {}

  static List<Instruction> parse(String text) {
    List<Instruction> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    StringBuilder current = null;
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.trim();
      if (current == null && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (current != null && trimmed.startsWith("#")) {
        continue;
      }
      boolean continues = trimmed.endsWith("\\");
      String part = continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
      if (current == null) {
        current = new StringBuilder(part);
        start = i + 1;
      } else {
        current.append(' ').append(part);
      }
      if (!continues) {
        String[] kv = current.toString().trim().split("\\s+", 2);
        out.add(new Instruction(start, kv[0].toUpperCase(Locale.ROOT), kv.length > 1 ? kv[1] : ""));
        current = null;
      }
    }
    return out;
  }

  /** Every problem found, each as "line N: what is wrong". */
  static List<String> check(String text, int expectedPort) {
    List<Instruction> all = parse(text);
    List<String> problems = new ArrayList<>();
    Map<String, String> args = new HashMap<>();
    Set<String> stages = new HashSet<>();
    int finalStage = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).keyword().equals("FROM")) {
        finalStage = i;
      }
    }
    boolean inFinal = false;
    boolean seenFrom = false;
    String user = null;
    Set<Integer> exposed = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      Instruction in = all.get(i);
      switch (in.keyword()) {
        case "ARG", "ENV" -> {
          for (Map.Entry<String, String> kv : assignments(in.args()).entrySet()) {
            if (SECRET_NAME.matcher(kv.getKey()).matches()) {
              problems.add(
                  "line "
                      + in.line()
                      + ": "
                      + in.keyword()
                      + " "
                      + kv.getKey()
                      + " looks like a secret; pass secrets at run time (ECS secrets), never in the image");
            }
            if (AWS_KEY.matcher(kv.getValue()).find()) {
              problems.add(
                  "line "
                      + in.line()
                      + ": "
                      + in.keyword()
                      + " "
                      + kv.getKey()
                      + " holds an AWS access key id");
            }
            if (in.keyword().equals("ARG") && !seenFrom) {
              args.put(kv.getKey(), kv.getValue()); // global ARGs, usable in FROM
            }
          }
        }
        case "FROM" -> {
          inFinal = i == finalStage;
          seenFrom = true;
          String[] parts = in.args().split("\\s+");
          checkPinned(in.line(), substitute(parts[0], args), stages, problems);
          if (parts.length >= 3 && parts[1].equalsIgnoreCase("AS")) {
            stages.add(parts[2].toLowerCase(Locale.ROOT));
          }
          user = null;
        }
        case "USER" -> {
          if (inFinal) {
            user = in.args().trim();
          }
        }
        case "EXPOSE" -> {
          if (inFinal) {
            for (String p : in.args().trim().split("\\s+")) {
              exposed.add(Integer.parseInt(p.replaceAll("/.*", "")));
            }
          }
        }
        default -> {}
      }
    }
    if (user == null) {
      problems.add("the final stage has no USER: it would run as root");
    } else {
      String name = user.split(":")[0];
      if (name.equals("root") || name.equals("0")) {
        problems.add("the final stage runs as " + user + "; use a non-root user");
      }
    }
    if (!exposed.equals(Set.of(expectedPort))) {
      problems.add("the final stage should EXPOSE " + expectedPort + " only, exposes " + exposed);
    }
    return problems;
  }

  private static void checkPinned(
      int line, String image, Set<String> stages, List<String> problems) {
    if (stages.contains(image.toLowerCase(Locale.ROOT))) {
      return;
    }
    if (image.contains("$")) {
      problems.add("line " + line + ": FROM " + image + " uses an ARG without a default");
      return;
    }
    if (image.contains("@sha256:")) {
      return;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash) {
      problems.add("line " + line + ": FROM " + image + " has no tag; pin a release");
    } else if (image.substring(colon + 1).equalsIgnoreCase("latest")) {
      problems.add("line " + line + ": FROM " + image + " uses latest; pin a release");
    } else if (!image.substring(colon + 1).matches(".*\\d+\\.\\d+.*")) {
      problems.add("line " + line + ": FROM " + image + " is not pinned to a release (x.y)");
    }
  }

  private static String substitute(String s, Map<String, String> args) {
    Matcher m = VAR.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = args.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code A=1 B=2}, or the legacy {@code A 1} form. */
  static Map<String, String> assignments(String args) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    String trimmed = args.trim();
    if (!trimmed.contains("=")
        || trimmed.indexOf(' ') >= 0 && trimmed.indexOf(' ') < trimmed.indexOf('=')) {
      String[] kv = trimmed.split("\\s+", 2);
      out.put(kv[0], kv.length > 1 ? kv[1] : "");
      return out;
    }
    for (String token : trimmed.split("\\s+")) {
      String[] kv = token.split("=", 2);
      out.put(kv[0], kv.length > 1 ? kv[1].replace("\"", "") : "");
    }
    return out;
  }
}
