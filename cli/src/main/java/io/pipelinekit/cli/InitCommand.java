package io.pipelinekit.cli;

import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code pipeline init [DIR]}: scaffolds a repository whose pipeline is defined in Java — a {@code
 * pom.xml} with the definition library and the Maven plugin, a definition class for one container
 * service, its ServiceLoader registration, its unit test, a {@code Dockerfile} stub, a README and
 * {@code .gitignore} lines.
 *
 * <p>Never replaces anything: a file that exists is kept (and reported), {@code .gitignore} only
 * gets the lines it lacks. Everything is checked before anything is written: a symbolic link, FIFO,
 * device or folder where a file goes, or a link or file where a folder goes, is refused (exit 2,
 * nothing written). Each new file is written beside its place and then linked in, so it appears
 * whole or not at all; a failure removes what this run created.
 */
final class InitCommand implements Callable<Integer> {
  /** What the definition's pom and test use, and what a name may be. */
  private static final Pattern MAVEN_ID = Pattern.compile("[A-Za-z0-9_.-]+");

  private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

  /** The artifact bucket is NAME-artifacts-ACCOUNT: S3 allows 63 characters. */
  private static final int MAX_NAME = 40;

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  Path dir;

  String groupId;

  String artifactId;

  String name;

  String javaPackage;

  boolean api;

  String pipelinekitVersion = VersionProvider.version();

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "init");
    s.description(
        "Scaffolds a repository whose delivery pipeline is defined in Java: pom.xml (the definition"
            + " library io.pipelinekit:pipeline and pipeline-maven-plugin, of this tool's version),"
            + " a definition class for one container service (GitHub -> CodeBuild builds and pushes"
            + " the image -> rolling ECS deploy), its registration in META-INF/services, its unit"
            + " test, a Dockerfile stub, README.md and .gitignore lines. With --api, also"
            + " api/openapi.yaml, published to API Gateway by the build.",
        "Never overwrites: an existing file is kept and reported, .gitignore only gets the lines it"
            + " lacks, a second run changes nothing. A symbolic link, FIFO, device or folder where a"
            + " file goes is refused before anything is written. DIR (default: the current folder)"
            + " is created when missing.");
    s.exitCodes(
        "0:done (also when every file was already there)",
        "2:usage error, or a path init would write is a link or not a regular file; nothing written");
    spec = s.spec();
    s.mixin(global.specs());
    s.parameter("dir")
        .index("0")
        .arity("0..1")
        .paramLabel("DIR")
        .description("The repository folder (created when missing). Default: the current folder.");
    s.option("groupId", "--group-id")
        .paramLabel("ID")
        .defaultValue("com.example")
        .description("The Maven groupId. Default: ${DEFAULT-VALUE}.");
    s.option("artifactId", "--artifact-id")
        .paramLabel("ID")
        .description("The Maven artifactId. Default: DIR's name.");
    s.option("name", "--name")
        .paramLabel("NAME")
        .description(
            "The pipeline's name, also of its CodeBuild project, ECR repository, ECS cluster and"
                + " service and IAM roles (lowercase letters, digits and -, at most 40). Default:"
                + " the artifactId in that form.");
    s.option("javaPackage", "--package")
        .paramLabel("PACKAGE")
        .description("The Java package of the definition. Default: GROUP_ID.NAME (without -).");
    s.option("api", "--api")
        .description(
            "Also publish an API: api/openapi.yaml (a stub API Gateway accepts), an ApiPublication"
                + " in the definition, and pipeline:lint of the document in pom.xml.");
    s.option("pipelinekitVersion", "--pipelinekit-version")
        .paramLabel("VERSION")
        .description(
            "The pipelinekit version the pom depends on. Default: this tool's (${DEFAULT-VALUE}).");
    return s.build();
  }

  /**
   * One file init writes: its place under DIR and its text. Its equals and hashCode are written
   * out: a record's generated ones are linked at run time on first use (ObjectMethods' bootstrap,
   * which spins method-handle classes on every run).
   */
  private record Planned(String path, String text, boolean appendLines) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Planned p
          && path.equals(p.path)
          && text.equals(p.text)
          && appendLines == p.appendLines;
    }

    @Override
    public int hashCode() {
      return (path.hashCode() * 31 + text.hashCode()) * 31 + Boolean.hashCode(appendLines);
    }
  }

  /** What happens to one file. */
  private enum Outcome {
    CREATE("created"),
    APPEND("updated"),
    UNCHANGED("unchanged"),
    KEEP("kept");

    final String word;

    Outcome(String word) {
      this.word = word;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path root = root();
    Names names = names(root);
    List<Planned> planned = plan(names);

    // Everything is checked before anything is written.
    Map<Planned, Outcome> outcomes = new LinkedHashMap<>();
    Map<Planned, String> appended = new LinkedHashMap<>();
    List<String> refused = new ArrayList<>();
    for (Planned file : planned) {
      String problem = checkFolders(root, file.path());
      if (problem != null) {
        refused.add(problem);
        continue;
      }
      Path target = root.resolve(file.path());
      BasicFileAttributes attributes = attributes(target);
      if (attributes == null) {
        outcomes.put(file, Outcome.CREATE);
      } else if (!attributes.isRegularFile()) {
        refused.add(
            shown(file.path())
                + ": "
                + OutputFiles.kind(target, attributes)
                + ", not a regular file; init writes only regular files and never follows a link:"
                + " remove it, or run init in another folder");
      } else if (file.appendLines()) {
        String missing = missingLines(target, file.text());
        if (missing.isEmpty()) {
          outcomes.put(file, Outcome.UNCHANGED);
        } else {
          outcomes.put(file, Outcome.APPEND);
          appended.put(file, missing);
        }
      } else {
        outcomes.put(
            file,
            Arrays.equals(read(target), file.text().getBytes(StandardCharsets.UTF_8))
                ? Outcome.UNCHANGED
                : Outcome.KEEP);
      }
    }
    if (!refused.isEmpty()) {
      throw CliException.invalidInput(
          "init: nothing written: "
              + String.join("; ", refused.subList(0, Math.min(10, refused.size())))
              + (refused.size() > 10 ? "; and " + (refused.size() - 10) + " more" : ""));
    }

    write(root, outcomes, appended);

    out.println(
        "pipeline init: "
            + shownRoot()
            + " ("
            + names.groupId
            + ":"
            + names.artifactId
            + ", pipeline "
            + names.name
            + ", "
            + names.javaPackage
            + "."
            + names.className
            + ")");
    boolean changed = false;
    for (Map.Entry<Planned, Outcome> entry : outcomes.entrySet()) {
      Outcome outcome = entry.getValue();
      String path = entry.getKey().path();
      String line = String.format(Locale.ROOT, "  %-9s %s", outcome.word, path);
      if (outcome == Outcome.APPEND) {
        line += " (added " + String.join(", ", appended.get(entry.getKey()).split("\n")) + ")";
      } else if (outcome == Outcome.KEEP) {
        line += " (exists with other content; not overwritten)";
      }
      out.println(line);
      changed |= outcome == Outcome.CREATE || outcome == Outcome.APPEND;
    }
    if (!changed) {
      out.println("nothing to do: every file is already there; nothing was changed");
    }
    if (outcomes.entrySet().stream()
        .anyMatch(e -> e.getKey().path().equals("pom.xml") && e.getValue() == Outcome.KEEP)) {
      out.println(
          "note: your pom.xml was kept; it needs the dependency io.pipelinekit:pipeline:"
              + names.version
              + " and the plugin io.pipelinekit:pipeline-maven-plugin:"
              + names.version
              + " (goals build, lint), as in docs/installing.md");
    }
    out.println("next:");
    String cd = cdPrefix(root);
    out.println(
        "  "
            + cd
            + "mvn -B verify    # compiles "
            + names.className
            + ", runs its test, writes target/pipeline/");
    out.println(
        "  PIPELINE_CLASSPATH=target/classes pipeline build -P account=YOUR_ACCOUNT_ID"
            + "    # writes build/pipeline/ for your account");
    out.flush();
    return ExitCodes.OK;
  }

  /** DIR, made absolute; a link to a folder is followed. Created later, when missing. */
  private Path root() {
    Path given = dir == null ? Path.of("") : dir;
    if (dir != null && dir.toString().isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "DIR is empty; name a folder, or leave it out");
    }
    Path absolute = given.toAbsolutePath().normalize();
    BasicFileAttributes attributes = attributes(absolute);
    if (attributes == null) {
      return absolute;
    }
    if (!Files.isDirectory(absolute)) {
      throw CliException.invalidInput(
          shownRoot()
              + ": "
              + OutputFiles.kind(absolute, attributes)
              + ", not a folder; init takes the folder to scaffold");
    }
    try {
      return absolute.toRealPath();
    } catch (IOException e) {
      throw CliException.invalidInput(
          shownRoot() + ": cannot be read: " + FileProblems.describe(e));
    }
  }

  /**
   * The {@code cd DIR && } the next steps start with: nothing when DIR is the working folder
   * ({@code init .}, its absolute path, a link to it); a relative path from the working folder when
   * DIR was given relative and lies under it ({@code ./-x} for a name starting with {@code -});
   * otherwise the absolute path, so that {@code ..} is never left for the shell to read another way
   * (its {@code cd} follows {@code $PWD}, which may have come through a symbolic link).
   */
  private String cdPrefix(Path root) {
    if (dir == null) {
      return "";
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path target = dir.toAbsolutePath().normalize();
    if (target.equals(cwd) || sameFile(root, cwd)) {
      return "";
    }
    String shown;
    if (!dir.isAbsolute() && target.startsWith(cwd)) {
      String relative = cwd.relativize(target).toString();
      shown = relative.startsWith("-") ? "./" + relative : relative;
    } else {
      shown = target.toString();
    }
    return "cd " + shellWord(shown) + " && ";
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code word} as one shell word: as it is when safe, else in single quotes. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_./+:@=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  private String shownRoot() {
    return dir == null ? "." : dir.toString();
  }

  private String shown(String path) {
    return dir == null ? path : dir.resolve(path).toString();
  }

  /** The names the files use, from the options or their defaults, checked. */
  private record Names(
      String groupId,
      String artifactId,
      String name,
      String javaPackage,
      String className,
      String version) {}

  private Names names(Path root) {
    requireId("--group-id", groupId);
    String folder = root.getFileName() == null ? "" : root.getFileName().toString();
    String artifact = artifactId;
    if (artifact == null) {
      artifact = slug(folder);
      if (artifact.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "cannot make an artifactId of the folder name '" + folder + "'; pass --artifact-id");
      }
    }
    requireId("--artifact-id", artifact);
    String pipelineName = name == null ? slug(artifact) : name;
    if (!NAME.matcher(pipelineName).matches() || pipelineName.length() > MAX_NAME) {
      throw new ParameterException(
          spec.commandLine(),
          (name == null
                  ? "the artifactId '" + artifact + "' makes no pipeline name"
                  : "--name '" + name + "' is not a pipeline name")
              + ": use lowercase letters, digits and - (not first or last), at most "
              + MAX_NAME
              + " characters (the artifact bucket is NAME-artifacts-ACCOUNT); pass --name");
    }
    String pkg = javaPackage == null ? packageOf(groupId, pipelineName) : javaPackage;
    if (!JavaNames.isName(pkg)) {
      throw new ParameterException(
          spec.commandLine(),
          (javaPackage == null
                  ? "--group-id '" + groupId + "' makes no Java package (" + pkg + ")"
                  : "--package '" + pkg + "' is not a Java package name")
              + "; pass --package, e.g. com.example.shop");
    }
    if (pipelinekitVersion == null
        || pipelinekitVersion.equals("unknown")
        || !VERSION.matcher(pipelinekitVersion).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          pipelinekitVersion == null || pipelinekitVersion.equals("unknown")
              ? "this pipeline tool does not know its version (built outside Maven); pass"
                  + " --pipelinekit-version"
              : "--pipelinekit-version '" + pipelinekitVersion + "' is not a Maven version");
    }
    return new Names(
        groupId, artifact, pipelineName, pkg, className(pipelineName), pipelinekitVersion);
  }

  private void requireId(String option, String value) {
    if (!MAVEN_ID.matcher(value).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          option + " '" + value + "' is not a Maven id: use letters, digits, '.', '_' and '-'");
    }
  }

  /** {@code My Shop!} → {@code my-shop}: lowercase letters and digits joined by single dashes. */
  static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  /** {@code shop-api} → {@code ShopApiPipeline}. */
  static String className(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("-")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    String camel = b.toString();
    if (!Character.isJavaIdentifierStart(camel.charAt(0))) {
      camel = "Pipeline" + camel;
    }
    return camel.endsWith("Pipeline") ? camel : camel + "Pipeline";
  }

  /** {@code com.example} and {@code shop-api} → {@code com.example.shopapi}. */
  static String packageOf(String groupId, String name) {
    List<String> parts = new ArrayList<>();
    for (String part : (groupId + "." + name.replace("-", "")).split("\\.")) {
      String p = part.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
      if (p.isEmpty()) {
        continue;
      }
      if (!Character.isJavaIdentifierStart(p.charAt(0)) || JavaNames.isKeyword(p)) {
        p = "_" + p;
      }
      parts.add(p);
    }
    return String.join(".", parts);
  }

  private List<Planned> plan(Names n) {
    String packagePath = n.javaPackage.replace('.', '/');
    Map<String, String> values = new LinkedHashMap<>();
    values.put("groupId", n.groupId);
    values.put("artifactId", n.artifactId);
    values.put("name", n.name);
    values.put("package", n.javaPackage);
    values.put("packagePath", packagePath);
    values.put("className", n.className);
    values.put("pipelinekitVersion", n.version);
    Properties libraries = libraries();
    values.put("junitVersion", libraries.getProperty("junit"));
    values.put("assertjVersion", libraries.getProperty("assertj"));
    Map<String, Boolean> flags = Map.of("api", api);

    List<Planned> files = new ArrayList<>();
    files.add(file("pom.xml", "pom.xml.tmpl", values, flags));
    files.add(
        file(
            "src/main/java/" + packagePath + "/" + n.className + ".java",
            "Definition.java.tmpl",
            values,
            flags));
    files.add(
        file(
            "src/main/resources/META-INF/services/io.pipelinekit.pipeline.PipelineDefinition",
            "services.tmpl",
            values,
            flags));
    files.add(
        file(
            "src/test/java/" + packagePath + "/" + n.className + "Test.java",
            "DefinitionTest.java.tmpl",
            values,
            flags));
    if (api) {
      files.add(file("api/openapi.yaml", "openapi.yaml.tmpl", values, flags));
    }
    files.add(file("Dockerfile", "Dockerfile.tmpl", values, flags));
    files.add(file("README.md", "README.md.tmpl", values, flags));
    files.add(
        new Planned(".gitignore", InitTemplates.render("gitignore.tmpl", values, flags), true));
    return files;
  }

  private static Planned file(
      String path, String template, Map<String, String> values, Map<String, Boolean> flags) {
    return new Planned(path, InitTemplates.render(template, values, flags), false);
  }

  /** The junit and assertj versions of pipelinekit's own build (init.properties). */
  private static Properties libraries() {
    Properties properties = new Properties();
    try (InputStream in = InitCommand.class.getResourceAsStream("init.properties")) {
      if (in == null) {
        throw new IllegalStateException("init.properties missing from the jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : List.of("junit", "assertj")) {
      String v = properties.getProperty(key, "");
      if (v.isBlank() || v.contains("${")) {
        throw new IllegalStateException("init.properties was not filtered: " + key + "=" + v);
      }
    }
    return properties;
  }

  /**
   * A problem with the folders on the way to {@code path} under {@code root}: one that is a link or
   * not a folder. Null when each is a folder or missing (init creates it).
   */
  private String checkFolders(Path root, String path) {
    String[] parts = path.split("/");
    Path at = root;
    StringBuilder rel = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      at = at.resolve(parts[i]);
      rel.append(i == 0 ? "" : "/").append(parts[i]);
      BasicFileAttributes attributes = attributes(at);
      if (attributes == null) {
        return null;
      }
      if (!attributes.isDirectory()) {
        return shown(rel.toString())
            + ": "
            + OutputFiles.kind(at, attributes)
            + ", not a folder; init would write "
            + path
            + " inside it and never follows a link: remove it, or run init in another folder";
      }
    }
    return null;
  }

  /** The lines of {@code wanted} that the file lacks, each followed by a newline. */
  private String missingLines(Path target, String wanted) {
    List<String> have =
        List.of(new String(read(target), StandardCharsets.UTF_8).split("\\R", -1)).stream()
            .map(String::strip)
            .toList();
    StringBuilder missing = new StringBuilder();
    for (String line : wanted.split("\n")) {
      String bare = line.strip();
      String alternative = bare.endsWith("/") ? bare.substring(0, bare.length() - 1) : bare + "/";
      if (!bare.isEmpty()
          && !have.contains(bare)
          && !have.contains(alternative)
          && !have.contains("/" + bare)
          && !have.contains("/" + alternative)) {
        missing.append(bare).append('\n');
      }
    }
    return missing.toString();
  }

  private byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.invalidInput(
          file + ": cannot be read: " + FileProblems.describe(e) + "; check its permissions");
    }
  }

  /**
   * Creates the new files (each whole or not at all), then appends to the files that lack lines; a
   * failure removes what this run created.
   */
  private void write(Path root, Map<Planned, Outcome> outcomes, Map<Planned, String> appended) {
    List<Path> created = new ArrayList<>();
    boolean done = false;
    Path writing = root;
    try {
      if (attributes(root) == null) {
        createFolders(root, root, created);
      }
      for (Map.Entry<Planned, Outcome> entry : outcomes.entrySet()) {
        if (entry.getValue() != Outcome.CREATE) {
          continue;
        }
        Path target = root.resolve(entry.getKey().path());
        writing = target;
        createFolders(root, target.getParent(), created);
        createNew(target, entry.getKey().text().getBytes(StandardCharsets.UTF_8));
        created.add(target);
      }
      for (Map.Entry<Planned, String> entry : appended.entrySet()) {
        Path target = root.resolve(entry.getKey().path());
        writing = target;
        byte[] old = read(target);
        String separator = old.length == 0 || old[old.length - 1] == '\n' ? "" : "\n";
        byte[] add = (separator + entry.getValue()).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[old.length + add.length];
        System.arraycopy(old, 0, bytes, 0, old.length);
        System.arraycopy(add, 0, bytes, old.length, add.length);
        OutputFiles.write(target, bytes); // temp file, then rename; keeps its mode
      }
      done = true;
    } catch (IOException e) {
      throw CliException.invalidInput(
          shown(root.relativize(writing).toString())
              + ": cannot write the file: "
              + FileProblems.describe(e)
              + "; nothing was written: check the folder and its permissions");
    } finally {
      if (!done) {
        for (int i = created.size() - 1; i >= 0; i--) {
          try {
            Files.deleteIfExists(created.get(i));
          } catch (IOException ignored) {
            // a folder something else was put in meanwhile stays
          }
        }
      }
    }
  }

  /** Creates the missing folders up to {@code folder}, remembering them (outermost first). */
  private static void createFolders(Path root, Path folder, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = folder; p != null && attributes(p) == null; p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      Files.createDirectory(p);
      created.add(p);
    }
  }

  /**
   * A new file that appears whole: written to a hidden file beside it, then hard-linked to its name
   * (which fails, replacing nothing, when something appeared there meanwhile); a file system
   * without hard links gets a move that does not replace.
   */
  private static void createNew(Path target, byte[] bytes) throws IOException {
    Path temp =
        target.resolveSibling(
            "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".init.tmp");
    Files.deleteIfExists(temp);
    try {
      Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        throw e;
      } catch (UnsupportedOperationException | IOException e) {
        Files.move(temp, target); // no REPLACE_EXISTING: an existing target is an error
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The attributes of {@code path} itself (a link is not followed); null when nothing is there. */
  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (IOException e) {
      return null;
    }
  }
}
