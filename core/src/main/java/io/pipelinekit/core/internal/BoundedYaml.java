package io.pipelinekit.core.internal;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML loading with every limit set, for the readers of untrusted YAML (the buildspec linter,
 * the OpenAPI loader): the text's size in code points, nesting depth, aliases to collections, no
 * recursive keys; no constructor runs, so no YAML tag can create an object. The reader chooses the
 * limits and whether to take events ({@link #parser}) or a node tree ({@link #composer}).
 */
public final class BoundedYaml {
  private BoundedYaml() {}

  /**
   * Loader options with these limits. {@code allowDuplicateKeys} true leaves duplicate keys to the
   * caller (to report them as findings rather than fail).
   */
  public static LoaderOptions options(
      int maxCodePoints, int maxDepth, int maxAliases, boolean allowDuplicateKeys) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Math.max(maxCodePoints, 1));
    options.setNestingDepthLimit(maxDepth);
    options.setMaxAliasesForCollections(maxAliases);
    options.setAllowDuplicateKeys(allowDuplicateKeys);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  /** An event parser over {@code text}. */
  public static Parser parser(String text, LoaderOptions options) {
    // TextStreamReader, not SnakeYAML's StreamReader: linear in the length of a token
    return new ParserImpl(new TextStreamReader(text), options);
  }

  /**
   * An event parser over {@code text[from, to)} (starting at a line start) read as a document of
   * its own, its marks' lines counted from {@code firstLine} (0-based): one piece of a text cut
   * into pieces read side by side.
   */
  public static Parser parser(String text, int from, int to, int firstLine, LoaderOptions options) {
    return new ParserImpl(new TextStreamReader(text, from, to, firstLine), options);
  }

  /** A node composer over {@code text}: a tree of nodes, no objects constructed. */
  public static Composer composer(String text, LoaderOptions options) {
    return new Composer(parser(text, options), new Resolver(), options);
  }
}
