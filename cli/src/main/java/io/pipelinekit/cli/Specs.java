package io.pipelinekit.cli;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A command's or mixin's picocli model, declared in code (picocli's programmatic {@link
 * CommandSpec}) rather than by annotations: parsing annotations (one {@code jdk.proxy} class per
 * annotation type, which JDK 17's class-data archive cannot hold) was most of a short run's
 * start-up. One option is one line: {@code s.option("out", "--out").paramLabel("DIR")
 * .description(…)}, bound to the field of that name, whose declared type (with its element types)
 * and initial value are the option's.
 *
 * <p>Bindings are a named class ({@link FieldBinding}), never lambdas: a class comes ready from the
 * start-up archive, while each lambda's call site is linked anew on every run.
 */
final class Specs {
  private final CommandSpec spec;
  private final Object target;
  private final List<Object> pending = new ArrayList<>();
  private final Map<String, String> exitCodes = new LinkedHashMap<>();
  private boolean standardHelp;

  private Specs(Object target, CommandSpec spec) {
    this.target = target;
    this.spec = spec;
  }

  /** A subcommand named {@code name} with {@code -h/--help} and {@code -V/--version}. */
  static Specs command(Object command, String name) {
    Specs s = new Specs(command, CommandSpec.wrapWithoutInspection(command).name(name));
    s.standardHelp = true;
    return s;
  }

  /**
   * picocli's {@code help} command ({@link CommandLine.HelpCommand}), declared as its annotations
   * declare it.
   */
  static CommandSpec helpCommand() {
    CommandLine.HelpCommand help = new CommandLine.HelpCommand();
    Specs s =
        new Specs(help, CommandSpec.wrapWithoutInspection(help).name("help").helpCommand(true));
    s.usage()
        .header("Display help information about the specified command.")
        .synopsisHeading("%nUsage: ")
        .description(
            "%nWhen no COMMAND is given, the usage help for the main command is displayed.",
            "If a COMMAND is specified, the help for that command is shown.%n");
    s.option("helpRequested", "-h", "--help")
        .usageHelp(true)
        .description("Show usage help for the help command and exit.");
    s.parameter("commands")
        .paramLabel("COMMAND")
        .arity("0..1")
        .description("The COMMAND to display the usage help message for.");
    return s.build();
  }

  /**
   * A group of options bound to {@code options}' fields, for commands to take in with {@link
   * #mixin(Specs)}. Not a picocli mixin: each picocli model ({@link CommandSpec}) compiles four
   * regular expressions when made (its negatable-option transformer), about 0.002 s on a cold JVM,
   * for a model whose only use here is to carry the options into the command's.
   */
  static Specs mixin(Object options) {
    return new Specs(options, null);
  }

  /** The model being declared (what {@code @Spec} gave a command). */
  CommandSpec spec() {
    return spec;
  }

  UsageMessageSpec usage() {
    return spec.usageMessage();
  }

  /** The usage message's description lines. */
  Specs description(String... lines) {
    spec.usageMessage().description(lines);
    return this;
  }

  /** An "Exit codes:" section, each entry {@code "CODE:meaning"}. */
  Specs exitCodes(String... entries) {
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      exitCodes.put(entry.substring(0, colon), entry.substring(colon + 1));
    }
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
    return this;
  }

  /** An option bound to this object's field {@code field}. */
  OptionSpec.Builder option(String field, String... names) {
    return option(target, field, names);
  }

  /** An option bound to {@code owner}'s field {@code field}. */
  OptionSpec.Builder option(Object owner, String field, String... names) {
    OptionSpec.Builder option = OptionSpec.builder(names);
    bind(option, owner, field);
    pending.add(option);
    return option;
  }

  /** A positional parameter bound to this object's field {@code field}. */
  PositionalParamSpec.Builder parameter(String field) {
    PositionalParamSpec.Builder parameter = PositionalParamSpec.builder();
    bind(parameter, target, field);
    pending.add(parameter);
    return parameter;
  }

  /** Takes in {@code mixin}'s options, here in the order declared (see {@link #mixin(Object)}). */
  Specs mixin(Specs mixin) {
    if (mixin.spec != null) {
      throw new IllegalArgumentException("a command, not a group of options: " + mixin.spec.name());
    }
    pending.addAll(mixin.pending);
    mixin.pending.clear();
    return this;
  }

  /**
   * The finished model: every option and parameter (its mixins' too) in the order declared, then
   * (as the annotated model's {@code mixinStandardHelpOptions}) {@code -h} and {@code -V}.
   */
  CommandSpec build() {
    for (Object p : pending) {
      if (p instanceof OptionSpec.Builder option) {
        spec.addOption(option.build());
      } else {
        PositionalParamSpec.Builder parameter = (PositionalParamSpec.Builder) p;
        // as the annotated model: a parameter is required unless its arity allows none
        parameter.required(parameter.arity() == null || parameter.arity().min() > 0);
        spec.addPositional(parameter.build());
      }
    }
    pending.clear();
    if (standardHelp) {
      standardHelp();
      standardHelp = false;
    }
    return spec;
  }

  private void standardHelp() {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
  }

  private static void bind(OptionSpec.Builder option, Object owner, String name) {
    FieldBinding binding = new FieldBinding(owner, field(owner.getClass(), name));
    option.type(binding.type()).auxiliaryTypes(binding.elementTypes());
    option.getter(binding).setter(binding).initialValue(binding.get()).hasInitialValue(true);
  }

  private static void bind(PositionalParamSpec.Builder parameter, Object owner, String name) {
    FieldBinding binding = new FieldBinding(owner, field(owner.getClass(), name));
    parameter.type(binding.type()).auxiliaryTypes(binding.elementTypes());
    parameter.getter(binding).setter(binding).initialValue(binding.get()).hasInitialValue(true);
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(type.getSimpleName() + " has no field " + name, e);
    }
  }

  /**
   * Reads and writes one field of one object: what picocli's annotated model binds an option to, as
   * a named class (see the class comment).
   */
  static final class FieldBinding implements IGetter, ISetter {
    private final Object owner;
    private final Field field;

    FieldBinding(Object owner, Field field) {
      this.owner = owner;
      this.field = field;
    }

    /** The object whose field this reads and writes. */
    Object owner() {
      return owner;
    }

    Class<?> type() {
      return field.getType();
    }

    /** A collection's element type, a map's key and value types; none for other types. */
    Class<?>[] elementTypes() {
      Class<?> type = field.getType();
      if ((Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))
          && field.getGenericType() instanceof ParameterizedType parameterized) {
        Type[] arguments = parameterized.getActualTypeArguments();
        Class<?>[] elements = new Class<?>[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
          elements[i] = (Class<?>) arguments[i];
        }
        return elements;
      }
      return new Class<?>[0];
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      try {
        return (T) field.get(owner);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public <T> T set(T value) {
      T old = get();
      try {
        field.set(owner, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      return old;
    }
  }
}
