package io.pipelinekit.apispec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Limits and permissions for reading an OpenAPI document. Every limit is checked before the
 * document is handed to anything else; the defaults suit real documents (the 4 MB Stripe and GitHub
 * descriptions load with room to spare) and stop hostile ones early.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>{@link #maxBytes()}</td><td>16 MiB per file, checked on the file size before reading</td></tr>
 *   <tr><td>{@link #maxDepth()}</td><td>256 levels of nested mappings and sequences</td></tr>
 *   <tr><td>{@link #maxStringLength()}</td><td>1 MiB characters in one string</td></tr>
 *   <tr><td>{@link #maxNumberLength()}</td><td>1000 digits in one number</td></tr>
 *   <tr><td>{@link #maxNodes()}</td><td>250,000 values (mappings, lists, scalars) per file</td></tr>
 *   <tr><td>{@link #maxAliases()}</td><td>100 YAML aliases per file</td></tr>
 *   <tr><td>{@link #maxAliasNodes()}</td><td>10,000 nodes added by expanding aliases</td></tr>
 *   <tr><td>{@link #maxRefFiles()}</td><td>1,000 files that {@code $ref}s name, per document</td></tr>
 *   <tr><td>{@link #allowedRemoteRefHosts()}</td><td>none: no http(s) {@code $ref} accepted</td></tr>
 * </table>
 */
public final class LoadOptions {
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 256;
  public static final int DEFAULT_MAX_STRING_LENGTH = 1024 * 1024;

  /**
   * 1000 digits: Jackson's own default, far beyond any real number (a {@code long} has 19), and
   * small enough that turning it into a value takes microseconds (a 1 MB integer takes half a
   * minute: {@code BigInteger} parsing is quadratic).
   */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 1000;

  /**
   * 250,000 values: the 4 MB Stripe and GitHub descriptions have about 100,000, and API Gateway
   * imports at most 6 MB (a real document of that size has about 150,000); loading and linting
   * 250,000 takes 1–3 s here. Bytes alone do not bound the work: {@code [[[]]]} spends two bytes a
   * value (8 million in 16 MiB: minutes), and SnakeYAML's scanner costs O(depth) a token inside
   * deeply nested flow collections.
   */
  public static final int DEFAULT_MAX_NODES = 250_000;

  public static final int DEFAULT_MAX_ALIASES = 100;
  public static final int DEFAULT_MAX_ALIAS_NODES = 10_000;
  public static final int DEFAULT_MAX_REF_FILES = 1000;

  private static final LoadOptions DEFAULTS = builder().build();

  private final long maxBytes;
  private final int maxDepth;
  private final int maxStringLength;
  private final int maxNumberLength;
  private final int maxNodes;
  private final int maxAliases;
  private final int maxAliasNodes;
  private final int maxRefFiles;
  private final Set<String> allowedRemoteRefHosts;
  private final Map<Path, byte[]> streamedInputs;

  private LoadOptions(Builder b) {
    this.maxBytes = positive(b.maxBytes, "maxBytes");
    this.maxDepth = (int) positive(b.maxDepth, "maxDepth");
    this.maxStringLength = (int) positive(b.maxStringLength, "maxStringLength");
    this.maxNumberLength = (int) positive(b.maxNumberLength, "maxNumberLength");
    this.maxNodes = (int) positive(b.maxNodes, "maxNodes");
    if (b.maxAliases < 0) {
      throw new IllegalArgumentException("maxAliases must be 0 or more, was " + b.maxAliases);
    }
    this.maxAliases = b.maxAliases;
    if (b.maxAliasNodes < 0) {
      throw new IllegalArgumentException("maxAliasNodes must be 0 or more, was " + b.maxAliasNodes);
    }
    this.maxAliasNodes = b.maxAliasNodes;
    this.maxRefFiles = (int) positive(b.maxRefFiles, "maxRefFiles");
    this.allowedRemoteRefHosts = Set.copyOf(b.allowedRemoteRefHosts);
    this.streamedInputs = Map.copyOf(b.streamedInputs);
  }

  private static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /** The defaults described above. */
  public static LoadOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxBytes(maxBytes)
        .maxDepth(maxDepth)
        .maxStringLength(maxStringLength)
        .maxNumberLength(maxNumberLength)
        .maxNodes(maxNodes)
        .maxAliases(maxAliases)
        .maxAliasNodes(maxAliasNodes)
        .maxRefFiles(maxRefFiles)
        .allowedRemoteRefHosts(allowedRemoteRefHosts)
        .streamedInputs(streamedInputs);
  }

  /**
   * The bytes already read for the document named {@code name} from a stream (standard input, a
   * pipe), when it is one of {@link Builder#streamedInput}; such a document has no folder, so a
   * {@code $ref} to a relative file in it is refused.
   */
  public Optional<byte[]> streamedInput(Path name) {
    byte[] bytes = streamedInputs.get(name);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  /** Whether the document named {@code name} was read from a stream ({@link #streamedInput}). */
  public boolean isStreamed(Path name) {
    return streamedInputs.containsKey(name);
  }

  /** Largest file accepted, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Deepest nesting of mappings and sequences accepted. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Longest string (scalar or key) accepted, in characters. */
  public int maxStringLength() {
    return maxStringLength;
  }

  /**
   * Most digits accepted in one number, YAML or JSON (integer, hexadecimal, octal or floating
   * point; a sign, {@code 0x}/{@code 0o}, the decimal point and the exponent's {@code e} not
   * counted). A longer number is an error, found before any value is computed from it.
   */
  public int maxNumberLength() {
    return maxNumberLength;
  }

  /**
   * Most values (mappings, lists and scalars, alias copies included; keys not counted) accepted in
   * one file. Checked while reading, so a document over it is rejected after reading that many.
   */
  public int maxNodes() {
    return maxNodes;
  }

  /** Most YAML aliases ({@code *name}) accepted in one file; 0 rejects every alias. */
  public int maxAliases() {
    return maxAliases;
  }

  /** Most nodes that expanding aliases may add to the tree (stops "billion laughs"). */
  public int maxAliasNodes() {
    return maxAliasNodes;
  }

  /**
   * Most files (besides the document itself) that the document's {@code $ref}s may name,
   * transitively, each counted once; one more is an error naming the limit, never a silent stop.
   */
  public int maxRefFiles() {
    return maxRefFiles;
  }

  /** Hosts (lower case) whose http(s) {@code $ref}s are accepted; they are never fetched here. */
  public Set<String> allowedRemoteRefHosts() {
    return allowedRemoteRefHosts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadOptions other
        && maxBytes == other.maxBytes
        && maxDepth == other.maxDepth
        && maxStringLength == other.maxStringLength
        && maxNumberLength == other.maxNumberLength
        && maxNodes == other.maxNodes
        && maxAliases == other.maxAliases
        && maxAliasNodes == other.maxAliasNodes
        && maxRefFiles == other.maxRefFiles
        && allowedRemoteRefHosts.equals(other.allowedRemoteRefHosts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxBytes,
        maxDepth,
        maxStringLength,
        maxNumberLength,
        maxNodes,
        maxAliases,
        maxAliasNodes,
        maxRefFiles,
        allowedRemoteRefHosts);
  }

  @Override
  public String toString() {
    return "LoadOptions{maxBytes="
        + maxBytes
        + ", maxDepth="
        + maxDepth
        + ", maxStringLength="
        + maxStringLength
        + ", maxNumberLength="
        + maxNumberLength
        + ", maxNodes="
        + maxNodes
        + ", maxAliases="
        + maxAliases
        + ", maxAliasNodes="
        + maxAliasNodes
        + ", maxRefFiles="
        + maxRefFiles
        + ", allowedRemoteRefHosts="
        + new TreeSet<>(allowedRemoteRefHosts)
        + "}";
  }

  /** Builds {@link LoadOptions}; starts from the defaults. */
  public static final class Builder {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private long maxDepth = DEFAULT_MAX_DEPTH;
    private long maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private long maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;
    private long maxNodes = DEFAULT_MAX_NODES;
    private int maxAliases = DEFAULT_MAX_ALIASES;
    private int maxAliasNodes = DEFAULT_MAX_ALIAS_NODES;
    private int maxRefFiles = DEFAULT_MAX_REF_FILES;
    private final Set<String> allowedRemoteRefHosts = new TreeSet<>();
    private final Map<Path, byte[]> streamedInputs = new LinkedHashMap<>();

    private Builder() {}

    /**
     * A document read from a stream rather than a file — standard input ({@code <stdin>}), a pipe
     * such as {@code /dev/fd/63} from a shell's {@code <(…)}: the loader takes these bytes for
     * {@code name} instead of opening it, with the same limits ({@link #maxBytes} included), and
     * names it {@code name} in every message. It has no folder: a {@code $ref} to a relative file
     * in it is refused (a pointer into the document, {@code #/…}, is fine).
     */
    public Builder streamedInput(Path name, byte[] content) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      streamedInputs.put(name, content.clone());
      return this;
    }

    private Builder streamedInputs(Map<Path, byte[]> inputs) {
      streamedInputs.clear();
      streamedInputs.putAll(inputs);
      return this;
    }

    public Builder maxBytes(long maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    public Builder maxDepth(int maxDepth) {
      this.maxDepth = maxDepth;
      return this;
    }

    public Builder maxStringLength(int maxStringLength) {
      this.maxStringLength = maxStringLength;
      return this;
    }

    public Builder maxNumberLength(int maxNumberLength) {
      this.maxNumberLength = maxNumberLength;
      return this;
    }

    public Builder maxNodes(int maxNodes) {
      this.maxNodes = maxNodes;
      return this;
    }

    public Builder maxAliases(int maxAliases) {
      this.maxAliases = maxAliases;
      return this;
    }

    public Builder maxAliasNodes(int maxAliasNodes) {
      this.maxAliasNodes = maxAliasNodes;
      return this;
    }

    public Builder maxRefFiles(int maxRefFiles) {
      this.maxRefFiles = maxRefFiles;
      return this;
    }

    /** Replaces the hosts whose remote {@code $ref}s are accepted. */
    public Builder allowedRemoteRefHosts(Set<String> hosts) {
      allowedRemoteRefHosts.clear();
      hosts.forEach(this::allowRemoteRefHost);
      return this;
    }

    /** Accepts http(s) {@code $ref}s to this host (not fetched: the reference is left as is). */
    public Builder allowRemoteRefHost(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("remote ref host must not be blank");
      }
      allowedRemoteRefHosts.add(host.trim().toLowerCase(Locale.ROOT));
      return this;
    }

    public LoadOptions build() {
      return new LoadOptions(this);
    }
  }
}
