package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Start-up leaves out picocli's built-in converters of types no option has ({@link
 * Startup#UNUSED_CONVERTER_TYPES}): every option and parameter of every command still converts its
 * value, and none has a type whose converter was left out.
 */
class EveryOptionParsesTest {
  private static final List<String> COMMANDS =
      new ArrayList<>(PipelineCli.newCommandLine().getSubcommands().keySet());

  @Test
  void noOptionOfAnyCommand_hasATypeWhoseBuiltInConverterIsLeftOut() {
    List<Pattern> excluded = new ArrayList<>();
    for (String regex : Startup.UNUSED_CONVERTER_TYPES.split(",")) {
      excluded.add(Pattern.compile(regex));
    }
    List<String> affected = new ArrayList<>();
    for (String name : COMMANDS) {
      CommandSpec spec = commandSpec(name);
      for (ArgSpec arg : spec.args()) {
        if (arg.converters().length > 0) {
          continue; // its own converter
        }
        List<Class<?>> types = new ArrayList<>(List.of(arg.type()));
        types.addAll(List.of(arg.auxiliaryTypes()));
        for (Class<?> type : types) {
          if (excluded.stream().anyMatch(p -> p.matcher(type.getName()).matches())) {
            affected.add(name + " " + label(arg) + ": " + type.getName());
          }
        }
      }
    }
    assertThat(excluded).isNotEmpty();
    assertThat(affected).isEmpty();
  }

  @Test
  void everyCommand_parsesAValueForEachOfItsOptionsAndParameters() {
    assertThat(COMMANDS).hasSize(PipelineCli.COMMANDS.size());
    for (String name : COMMANDS) {
      List<String> args = new ArrayList<>(List.of(name));
      int given = 0;
      for (OptionSpec option : commandSpec(name).options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        args.add(option.longestName());
        if (option.arity().max() > 0) {
          args.add(sample(option));
        }
        given++;
      }
      List<PositionalParamSpec> positionals = commandSpec(name).positionalParameters();
      for (PositionalParamSpec positional : positionals) {
        args.add(sample(positional));
      }

      ParseResult parsed =
          PipelineCli.commandLineFor(args.toArray(String[]::new))
              .parseArgs(args.toArray(String[]::new));

      ParseResult command = parsed.subcommand();
      assertThat(command.commandSpec().name()).isEqualTo(name);
      assertThat(command.matchedOptions()).as(String.join(" ", args)).hasSize(given);
      for (OptionSpec option : command.matchedOptions()) {
        assertThat((Object) option.getValue()).as(name + " " + option.longestName()).isNotNull();
      }
      assertThat(command.matchedPositionals())
          .as(String.join(" ", args))
          .hasSize(positionals.size());
    }
  }

  @Test
  void everyCommandsHelp_exits0() {
    for (String name : COMMANDS) {
      Run run = Run.of(name, "--help");
      assertThat(run.exitCode()).as(name + ": " + run.err()).isZero();
      assertThat(run.out()).as(name).contains("Usage: pipeline " + name + " [");
    }
  }

  private static CommandSpec commandSpec(String name) {
    return PipelineCli.commandLineFor(name).getSubcommands().get(name).getCommandSpec();
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /** A value of the argument's type (its element's for lists, an entry for maps). */
  private static String sample(ArgSpec arg) {
    Class<?> type = arg.type();
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "key=value";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      type = arg.auxiliaryTypes()[0];
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0].toString();
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "7";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true";
    }
    if (type == java.time.Duration.class) {
      return "3s";
    }
    if (type == java.net.URI.class) {
      return "http://127.0.0.1:4566";
    }
    if (type == java.nio.file.Path.class || type == java.io.File.class) {
      return "some/file.yaml";
    }
    if (type == String.class) {
      // KEY=VALUE options that are lists of strings (deploy-stack --parameter) take this too
      return "key=value";
    }
    throw new AssertionError(label(arg) + ": no sample value of type " + type.getName());
  }
}
