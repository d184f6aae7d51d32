package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The table of subcommands ({@link PipelineCli#COMMANDS}, {@link PipelineCli#newCommand}): its
 * names are the commands' own, it holds every command, and a run makes only the command it names.
 */
class CommandTableTest {

  @Test
  void eachName_makesTheCommandOfThatName() {
    for (String name : PipelineCli.COMMANDS) {
      CommandSpec command = PipelineCli.newCommand(name);
      assertThat(command.name()).as(name).isEqualTo(name);
    }
  }

  @Test
  void everyCommandClass_isInTheTable() {
    List<String> commandClasses = new ArrayList<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pipelinekit.cli")) {
      // a command declares its model in commandSpec() (see Specs)
      if (type.tryGetMethod("commandSpec").isPresent() && !type.isEquivalentTo(PipelineCli.class)) {
        commandClasses.add(type.getName());
      }
    }
    List<String> inTable = new ArrayList<>();
    for (String name : PipelineCli.COMMANDS) {
      inTable.add(PipelineCli.newCommand(name).userObject().getClass().getName());
    }
    assertThat(commandClasses).hasSizeGreaterThan(10);
    assertThat(inTable).containsAll(commandClasses);
    assertThat(PipelineCli.COMMANDS).contains("help");
  }

  @Test
  void allCommandsRegistered_inTheTablesOrder() {
    assertThat(PipelineCli.newCommandLine().getSubcommands().keySet())
        .containsExactlyElementsOf(PipelineCli.COMMANDS);
  }

  /** A run of one command in a class loader of its own: no other command's class is loaded. */
  @Test
  void aRunOfOneCommand_loadsNoOtherCommandsClass() throws Exception {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    String[] entries = cp.split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = new File(entries[i]).toURI().toURL();
    }
    try (Loader loader = new Loader(urls)) {
      Class<?> cli = loader.loadClass(PipelineCli.class.getName());
      StringWriter out = new StringWriter();
      int code =
          (int)
              cli.getMethod("execute", PrintWriter.class, PrintWriter.class, String[].class)
                  .invoke(
                      null,
                      new PrintWriter(out),
                      new PrintWriter(new StringWriter()),
                      new String[] {"rules"});
      assertThat(code).isZero();
      assertThat(out.toString()).contains("pipeline-");

      assertThat(loader.loaded(RulesCommand.class)).isTrue();
      for (Class<?> other :
          List.of(
              BuildCommand.class,
              GraphCommand.class,
              InitCommand.class,
              LintCommand.class,
              DeployApiCommand.class,
              ApplyCommand.class,
              RunLocalCommand.class,
              CompletionCommand.class)) {
        assertThat(loader.loaded(other)).as(other.getSimpleName()).isFalse();
      }
    }
  }

  private static final class Loader extends URLClassLoader {
    Loader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(Class<?> type) {
      return findLoadedClass(type.getName()) != null;
    }
  }
}
