package io.pipelinekit.cli;

import java.util.Set;

/**
 * Java package names, as {@code javax.lang.model.SourceVersion#isName} and {@code #isKeyword} of
 * Java 17 judge them (JLS 17 §3.8 identifiers, §3.9 keywords, §3.10.3 and §3.10.8 the literals
 * {@code true}, {@code false} and {@code null};
 * https://docs.oracle.com/javase/specs/jls/se17/html/jls-3.html). Not {@code SourceVersion} itself:
 * its module is compiled with invokedynamic string concatenation, whose first use spins
 * method-handle classes on every run (about 0.015 s of {@code pipeline init}'s 0.15 s of CPU).
 * Contextual keywords ({@code record}, {@code var}, {@code yield}, …) are identifiers, as there.
 */
final class JavaNames {
  /** JLS 17 §3.9's keywords, {@code _} among them, and the three literals. */
  static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "_",
          "true",
          "false",
          "null");

  private JavaNames() {}

  /** Whether {@code s} is a keyword or a literal ({@code true}, {@code false}, {@code null}). */
  static boolean isKeyword(String s) {
    return KEYWORDS.contains(s);
  }

  /** Whether {@code s} is an identifier: a Java letter, then Java letters or digits. */
  static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
      return false;
    }
    for (int i = Character.charCount(s.codePointAt(0)); i < s.length(); ) {
      int c = s.codePointAt(i);
      if (!Character.isJavaIdentifierPart(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** Whether {@code s} is a qualified name: identifiers that are no keywords, dot-separated. */
  static boolean isName(String s) {
    int start = 0;
    while (true) {
      int dot = s.indexOf('.', start);
      String part = dot < 0 ? s.substring(start) : s.substring(start, dot);
      if (!isIdentifier(part) || isKeyword(part)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }
}
