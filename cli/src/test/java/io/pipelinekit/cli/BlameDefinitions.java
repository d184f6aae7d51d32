package io.pipelinekit.cli;

import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Stage;

/**
 * Definitions whose own code fails (the lines marked {@code // fails here} are the ones the CLI
 * must name; {@link DefinitionBlameTest} finds them by the marker).
 */
public final class BlameDefinitions {
  private BlameDefinitions() {}

  /** Dereferences a parameter that has no default. */
  public static final class NullInDefine implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      String branch = parameters.get("branch", null);
      return FixturesAccess.valid().toBuilder().name(branch.trim()).build(); // fails here: npe
    }
  }

  /** Passes null to a builder: the exception comes from pipelinekit, the blame goes here. */
  public static final class NullIntoBuilder implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      Stage.builder().name("Build").addAction(null); // fails here: builder
      return FixturesAccess.valid();
    }
  }

  /** Fails in a helper of its own: the helper's line is the top frame. */
  public static final class FailsInHelper implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      return FixturesAccess.valid().toBuilder().name("p" + retries("three")).build();
    }

    private static int retries(String text) {
      return Integer.parseInt(text); // fails here: helper
    }
  }

  /** Its constructor throws. */
  public static final class FailingConstructor implements PipelineDefinition {
    private final int stages;

    public FailingConstructor() {
      stages = java.util.List.<Integer>of().get(0); // fails here: constructor
    }

    @Override
    public Pipeline define(Parameters parameters) {
      return FixturesAccess.valid();
    }
  }

  /** Its static initializer throws. */
  public static final class FailingStaticInit implements PipelineDefinition {
    private static final int RATIO = ratio(0);

    private static int ratio(int divisor) {
      return 10 / divisor; // fails here: static
    }

    @Override
    public Pipeline define(Parameters parameters) {
      return FixturesAccess.valid();
    }
  }

  /** Cannot be instantiated: abstract. */
  public abstract static class Abstract implements PipelineDefinition {}

  /** Cannot be instantiated: no constructor without arguments. */
  public static final class NeedsArgument implements PipelineDefinition {
    public NeedsArgument(String name) {}

    @Override
    public Pipeline define(Parameters parameters) {
      return FixturesAccess.valid();
    }
  }

  /** Cannot be instantiated: an inner (non-static) class. */
  public final class Inner implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      return FixturesAccess.valid();
    }
  }
}
