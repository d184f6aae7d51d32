package io.pipelinekit.cli;

import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.buildspec.ImageDefinitions;
import io.pipelinekit.buildspec.ImageDetail;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline image-definitions -o FILE NAME=URI…}: writes {@code imagedefinitions.json} for an
 * ECS deploy (or {@code imageDetail.json} for a blue/green deploy), validated, instead of printf.
 */
final class ImageDefinitionsCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  Path output;

  List<String> images;

  boolean imageDetail;

  boolean allowLatest;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "image-definitions");
    s.description(
        "Writes imagedefinitions.json for CodePipeline's ECS deploy action: one {name, imageUri}"
            + " entry per container, in the order given. With --image-detail, writes imageDetail.json"
            + " ({\"ImageURI\": ...}) for a CodeDeployToECS (blue/green) deploy instead.",
        "Checks: container names as ECS takes them (letters, digits, _ and -), each once; image"
            + " URIs registry/repository with a tag or sha256 digest; no :latest unless"
            + " --allow-latest; at most 100 KB. The file is written to a temporary file and moved"
            + " into place; an existing target must be a regular file (its mode is kept), and"
            + " '-o -' writes to standard output.");
    s.exitCodes("0:written", "2:usage error or an invalid name or image URI; nothing written");
    spec = s.spec();
    s.mixin(global.specs());
    s.option("output", "-o", "--output")
        .paramLabel("FILE")
        .required(true)
        .description(
            "The file to write, e.g. imagedefinitions.json (a link, FIFO or device is refused), or -"
                + " for standard output.");
    s.parameter("images")
        .arity("1..*")
        .paramLabel("NAME=URI")
        .description(
            "Container name (as in the task definition) and image URI, e.g."
                + " app=111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/app:1a2b3c4. With"
                + " --image-detail: one URI (NAME= optional).");
    s.option("imageDetail", "--image-detail")
        .description("Write imageDetail.json for CodeDeployToECS (one image) instead.");
    s.option("allowLatest", "--allow-latest")
        .description("Accept the mutable :latest tag (deploys become unreproducible).");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    OutputFiles.requireNotEmpty(spec, "-o", output);
    String json;
    String what;
    try {
      if (imageDetail) {
        if (images.size() != 1) {
          throw CliException.invalidInput(
              "--image-detail takes exactly one image URI, got "
                  + images.size()
                  + "; write one imageDetail.json per image artifact");
        }
        String arg = images.get(0);
        String uri = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : arg;
        json = ImageDetail.of(uri, allowLatest).toJson();
        what = "1 image";
      } else {
        ImageDefinitions.Builder definitions =
            ImageDefinitions.builder().allowLatestTag(allowLatest);
        List<String> names = new ArrayList<>();
        for (String arg : images) {
          int eq = arg.indexOf('=');
          if (eq <= 0 || eq == arg.length() - 1) {
            throw CliException.invalidInput(
                "argument '"
                    + arg
                    + "' is not NAME=URI; write the container name, '=', then the image URI, e.g."
                    + " app=111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/app:1a2b3c4");
          }
          definitions.add(arg.substring(0, eq), arg.substring(eq + 1));
          names.add(arg.substring(0, eq));
        }
        json = definitions.build().toJson();
        what = String.join(", ", names);
      }
    } catch (BuildSpecException e) {
      throw CliException.invalidInput(output + ": not written: " + e.getMessage());
    }
    if (OutputFiles.isStandardOutput(output)) {
      out.print(json);
      out.flush();
      return ExitCodes.OK;
    }
    OutputFiles.write(output, json.getBytes(StandardCharsets.UTF_8));
    out.println("wrote " + output + " (" + what + ")");
    out.flush();
    return ExitCodes.OK;
  }
}
