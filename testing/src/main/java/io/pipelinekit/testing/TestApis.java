package io.pipelinekit.testing;

/** Small OpenAPI documents that API Gateway (and moto) import and deploy. */
public final class TestApis {
  private TestApis() {}

  /**
   * An OpenAPI 3 document with these paths, each with a public GET ({@code security: []}) and an
   * http_proxy integration; path parameters are declared and mapped, so it lints clean.
   */
  public static String openApi(String title, String... paths) {
    StringBuilder s = new StringBuilder();
    s.append("openapi: 3.0.1\n");
    s.append("info:\n  title: ").append(title).append("\n  version: '1'\n");
    s.append("paths:\n");
    for (String p : paths) {
      s.append("  ").append(p).append(":\n");
      s.append("    get:\n");
      s.append("      security: []\n");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)\\}").matcher(p);
      StringBuilder mapping = new StringBuilder();
      if (m.find()) {
        m.reset();
        s.append("      parameters:\n");
        mapping.append("        requestParameters:\n");
        while (m.find()) {
          s.append("        - name: ").append(m.group(1)).append("\n");
          s.append("          in: path\n          required: true\n");
          s.append("          schema:\n            type: string\n");
          mapping
              .append("          integration.request.path.")
              .append(m.group(1))
              .append(": method.request.path.")
              .append(m.group(1))
              .append("\n");
        }
      }
      s.append("      responses:\n");
      s.append("        '200':\n");
      s.append("          description: ok\n");
      s.append("      x-amazon-apigateway-integration:\n");
      s.append("        type: http_proxy\n");
      s.append("        httpMethod: GET\n");
      s.append("        uri: https://backend.example.com").append(p).append("\n");
      s.append(mapping);
    }
    return s.toString();
  }
}
