package io.pipelinekit.buildspec;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference as ECS and CodeDeploy take it: {@code
 * registry/repository[:tag][@sha256:<64 hex>]}, with a tag or a digest. Amazon ECR references
 * ({@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>}) are recognised, so that callers
 * can scope permissions to the repository.
 */
public final class ImageUri {
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern REGISTRY =
      Pattern.compile(DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?");
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern ECR =
      Pattern.compile(
          "([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-[0-9])\\.amazonaws\\.com(?:\\.cn)?");

  private final String registry;
  private final String repository;
  private final String tag;
  private final String digest;
  private final String account;
  private final String region;

  private ImageUri(
      String registry,
      String repository,
      String tag,
      String digest,
      String account,
      String region) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
    this.account = account;
    this.region = region;
  }

  /**
   * Parses and validates an image reference.
   *
   * @throws BuildSpecException naming what is wrong and the expected shape
   */
  public static ImageUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    String shape =
        " (expected registry/repository:tag or registry/repository@sha256:<64 hex digits>, e.g."
            + " 111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:3f2a1bc)";
    if (uri.isEmpty() || !uri.equals(uri.strip()) || uri.chars().anyMatch(c -> c <= ' ')) {
      throw new BuildSpecException(
          "image URI '" + uri + "' is empty or contains whitespace or control characters" + shape);
    }
    String rest = uri;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new BuildSpecException(
            "image URI '" + uri + "' has an invalid digest '" + digest + "'" + shape);
      }
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new BuildSpecException(
          "image URI '"
              + uri
              + "' names no registry"
              + shape
              + "; for Docker Hub images write docker.io/library/<name>:<tag>");
    }
    String registry = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    if (!REGISTRY.matcher(registry).matches()
        || !(registry.contains(".") || registry.contains(":") || registry.equals("localhost"))) {
      throw new BuildSpecException(
          "image URI '"
              + uri
              + "' does not start with a registry host ('"
              + registry
              + "')"
              + shape
              + "; for Docker Hub images write docker.io/library/<name>:<tag>");
    }
    String tag = null;
    int colon = path.lastIndexOf(':');
    if (colon >= 0) {
      tag = path.substring(colon + 1);
      path = path.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new BuildSpecException(
            "image URI '"
                + uri
                + "' has an invalid tag '"
                + tag
                + "': up to 128 letters, digits, '_', '.', '-', not starting with '.' or '-'");
      }
    }
    if (!REPOSITORY.matcher(path).matches()) {
      throw new BuildSpecException(
          "image URI '"
              + uri
              + "' has an invalid repository name '"
              + path
              + "': lowercase letters and digits, separated by '.', '_', '-' or '/'");
    }
    if (tag == null && digest == null) {
      throw new BuildSpecException(
          "image URI '"
              + uri
              + "' has neither a tag nor a digest; deploys need a fixed image: add :<tag> (e.g."
              + " the commit id) or @sha256:<digest>");
    }
    String account = null;
    String region = null;
    String host = registry.toLowerCase(java.util.Locale.ROOT);
    Matcher ecr = ECR.matcher(host);
    if (ecr.matches()) {
      account = ecr.group(1);
      region = ecr.group(2);
      if (path.length() < 2 || path.length() > 256) {
        throw new BuildSpecException(
            "image URI '"
                + uri
                + "': an ECR repository name is 2 to 256 characters long (it is "
                + path.length()
                + ")");
      }
    } else if (host.contains(".dkr.ecr.") || host.endsWith(".amazonaws.com")) {
      throw new BuildSpecException(
          "image URI '"
              + uri
              + "' looks like an Amazon ECR registry but is not of the form"
              + " <12-digit account>.dkr.ecr.<region>.amazonaws.com");
    }
    return new ImageUri(registry, path, tag, digest, account, region);
  }

  /** The registry host (and port), e.g. {@code 111122223333.dkr.ecr.eu-west-1.amazonaws.com}. */
  public String registry() {
    return registry;
  }

  /** The repository path, e.g. {@code shop/app}. */
  public String repository() {
    return repository;
  }

  /** The tag, if any. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest ({@code sha256:...}), if any. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** True for an Amazon ECR private registry. */
  public boolean isEcr() {
    return account != null;
  }

  /** The ECR registry's account id, for ECR references. */
  public Optional<String> ecrAccount() {
    return Optional.ofNullable(account);
  }

  /** The ECR registry's region, for ECR references. */
  public Optional<String> ecrRegion() {
    return Optional.ofNullable(region);
  }

  /** True when the reference floats: tag {@code latest} and no digest. */
  public boolean isLatest() {
    return "latest".equals(tag) && digest == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageUri && toString().equals(o.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** The reference as written: {@code registry/repository[:tag][@digest]}. */
  @Override
  public String toString() {
    return registry
        + "/"
        + repository
        + (tag == null ? "" : ":" + tag)
        + (digest == null ? "" : "@" + digest);
  }
}
