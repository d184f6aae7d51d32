package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API (root package) carries JDK types and our own only: no Jackson or SnakeYAML type in
 * a public signature; and library code never prints.
 */
class PublicApiTest {

  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException {
    Path classes =
        Path.of(BuildSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/pipelinekit/buildspec");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = f.getFileName().toString().replace(".class", "");
        try {
          Class<?> c = Class.forName("io.pipelinekit.buildspec." + name.replace('$', '.'));
          types.add(c);
        } catch (ClassNotFoundException e) {
          types.add(loadNested(name));
        }
      }
    }
    return types.stream().filter(c -> c != null && Modifier.isPublic(c.getModifiers())).toList();
  }

  private static Class<?> loadNested(String binaryName) {
    try {
      return Class.forName("io.pipelinekit.buildspec." + binaryName);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  @Test
  void publicSignatures_useOnlyJdkAndOwnTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
      members.addAll(List.of(type.getMethods()));
      for (Executable m : members) {
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        if (m instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
        types.addAll(List.of(m.getGenericExceptionTypes()));
        for (Type t : types) {
          String n = t.getTypeName();
          if (n.contains("com.fasterxml") || n.contains("org.yaml")) {
            leaks.add(type.getSimpleName() + "." + m.getName() + " uses " + n);
          }
        }
      }
    }
    assertThat(publicTypes()).hasSizeGreaterThan(10);
    assertThat(leaks).isEmpty();
  }

  @Test
  void mainSources_neverPrint() throws Exception {
    Path classes =
        Path.of(BuildSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path sources = classes.getParent().getParent().resolve("src/main/java");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (text.contains("System.out")
            || text.contains("System.err")
            || text.contains("printStackTrace")) {
          offenders.add(f.getFileName().toString());
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
