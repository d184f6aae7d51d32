package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilePermission;
import java.nio.file.Path;
import java.security.PermissionCollection;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A definition's classes get the permissions every class of its jar gets (reading the jar), but
 * they are made when a security check first asks, not when the jar's first class is defined: made
 * eagerly, as URLClassLoader makes them, they were about 5 ms of a build's start-up.
 */
class DefinitionLoaderPermissionsTest {
  @TempDir Path tmp;

  @AfterEach
  void restore() {
    System.clearProperty(DefinitionClassPath.PROPERTY);
  }

  @Test
  void definitionClass_isDefinedWithoutItsJarsPermissions_whichASecurityCheckStillGets()
      throws Exception {
    Path classes =
        UserJars.compile(
            tmp, Map.of("userdefs/Lazy.java", UserJars.definition("Lazy", "\"lazy\"")));
    Path jar = UserJars.jar(tmp.resolve("defs.jar"), classes);
    System.setProperty(DefinitionClassPath.PROPERTY, jar.toString());
    ClassLoader loader = DefinitionClassPath.fromProperty().orElseThrow().loader();

    Class<?> definition = Class.forName("userdefs.Lazy", false, loader);

    assertThat(definition.getClassLoader()).isSameAs(loader);
    PermissionCollection permissions = definition.getProtectionDomain().getPermissions();
    assertThat(permissions).isInstanceOf(DefinitionClassPath.LazyPermissions.class);
    DefinitionClassPath.LazyPermissions lazy = (DefinitionClassPath.LazyPermissions) permissions;
    assertThat(lazy.made()).isFalse();
    assertThat(permissions.isReadOnly()).isTrue();

    assertThat(permissions.implies(new FilePermission(jar.toString(), "read"))).isTrue();
    assertThat(permissions.implies(new FilePermission(tmp.toString(), "write"))).isFalse();
    assertThat(lazy.made()).isTrue();
    assertThat(permissions.elements().hasMoreElements()).isTrue();
  }
}
