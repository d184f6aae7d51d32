package io.pipelinekit.buildspec.internal.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code runtime-versions} checked against this machine. On CodeBuild the line selects a runtime of
 * the build image (build-spec-ref, phases/install/runtime-versions:
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html); here nothing is
 * installed: the runtime on {@code PATH} is asked for its version and the result is one line, a
 * match or a difference. It never fails the build: the commands that follow decide.
 */
final class RuntimeCheck {
  private static final Map<String, List<String>> COMMANDS =
      Map.of(
          "java", List.of("java", "-version"),
          "nodejs", List.of("node", "--version"),
          "python", List.of("python3", "--version"),
          "golang", List.of("go", "version"),
          "ruby", List.of("ruby", "--version"),
          "php", List.of("php", "--version"),
          "dotnet", List.of("dotnet", "--version"));
  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

  private RuntimeCheck() {}

  static void check(
      Map<String, String> runtimes, Map<String, String> env, Path dir, Consumer<String> log) {
    for (Map.Entry<String, String> r : runtimes.entrySet()) {
      String runtime = r.getKey().trim().toLowerCase(Locale.ROOT);
      String requested = expand(r.getValue().trim(), env);
      List<String> command = COMMANDS.get(runtime);
      String prefix = "runtime-versions: " + runtime + " " + requested + ": ";
      if (command == null) {
        log.accept(prefix + "not checked locally (no known version command for this runtime)");
        continue;
      }
      String found = version(command, env, dir);
      if (found == null) {
        log.accept(
            prefix
                + "not found on this machine ("
                + String.join(" ", command)
                + " did not run); CodeBuild's image would provide it, commands that need it will"
                + " fail here");
        continue;
      }
      String wanted = wantedVersion(requested);
      String have = runtime.equals("java") && found.startsWith("1.") ? found.substring(2) : found;
      if (wanted == null || have.equals(wanted) || have.startsWith(wanted + ".")) {
        log.accept(prefix + "this machine has " + runtime + " " + found + " (matches)");
      } else {
        log.accept(
            prefix
                + "this machine has "
                + runtime
                + " "
                + found
                + ", not "
                + wanted
                + "; the commands run with what this machine has");
      }
    }
  }

  /** {@code corretto17} → 17, {@code 3.x} → 3, {@code 3.11} → 3.11, {@code latest} → null. */
  private static String wantedVersion(String requested) {
    String v = requested.toLowerCase(Locale.ROOT);
    if (v.equals("latest")) {
      return null;
    }
    Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)*)").matcher(v);
    return m.find() ? m.group(1) : null;
  }

  private static String expand(String value, Map<String, String> env) {
    if (value.startsWith("$")) {
      String name = value.substring(1).replace("{", "").replace("}", "");
      return env.getOrDefault(name, value);
    }
    return value;
  }

  private static String version(List<String> command, Map<String, String> env, Path dir) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      builder.redirectErrorStream(true);
      Process p = builder.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return null;
      }
      Matcher m = VERSION.matcher(out);
      return m.find() ? m.group() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
