package io.pipelinekit.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@code moto_server} per test run (shared by every class that uses the extension,
 * stopped when the run ends) and injects it as a {@link MotoServer} parameter. Also sets dummy
 * credentials as system properties ({@code aws.accessKeyId}, {@code aws.secretAccessKey}) when none
 * are set, so the SDK's default chain finds them. When moto is missing, the test fails with "run
 * bin/test (installs moto into .venv/)"; it never skips.
 *
 * <pre>{@code @ExtendWith(MotoExtension.class) class MyIT { @Test void t(MotoServer moto) {...} }}
 * </pre>
 */
public final class MotoExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MotoExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
    if (System.getProperty("aws.accessKeyId") == null) {
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  private static MotoServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent("moto", key -> new Holder(MotoServer.start()), Holder.class)
        .server;
  }

  /** Stops moto when the root context closes. */
  private record Holder(MotoServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }
}
