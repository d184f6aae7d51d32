package io.pipelinekit.apispec;

import io.pipelinekit.core.Location;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One difference between two versions of an API: what kind, whether it breaks existing clients,
 * where (file, line and JSON pointer — in the old document for removals, else in the new one) and a
 * message a person can act on.
 */
public final class ApiChange {
  /**
   * The kinds of change, each breaking or not by default. Where a kind's effect depends on whether
   * the schema describes a request or a response, the change's own {@link #breaking()} says which
   * applies.
   */
  public enum Kind {
    PATH_REMOVED(true),
    PATH_ADDED(false),
    OPERATION_REMOVED(true),
    OPERATION_ADDED(false),
    OPERATION_DEPRECATED(false),
    PARAMETER_ADDED_REQUIRED(true),
    PARAMETER_ADDED(false),
    PARAMETER_REMOVED(false),
    PARAMETER_MADE_REQUIRED(true),
    PARAMETER_MADE_OPTIONAL(false),
    REQUEST_BODY_ADDED_REQUIRED(true),
    REQUEST_BODY_ADDED(false),
    REQUEST_BODY_REMOVED(false),
    REQUEST_BODY_MADE_REQUIRED(true),
    REQUEST_BODY_MADE_OPTIONAL(false),
    REQUEST_PROPERTY_MADE_REQUIRED(true),
    RESPONSE_REMOVED(true),
    RESPONSE_ADDED(false),
    RESPONSE_PROPERTY_REMOVED(true),
    MEDIA_TYPE_REMOVED(true),
    MEDIA_TYPE_ADDED(false),
    TYPE_CHANGED(true),
    ENUM_VALUE_REMOVED(true),
    ENUM_VALUE_ADDED(false),
    SECURITY_ADDED(true),
    SECURITY_REMOVED(false),
    /**
     * A response property that was required no longer is: clients that rely on it being there
     * break.
     */
    RESPONSE_PROPERTY_MADE_OPTIONAL(true),
    /**
     * A schema now accepts {@code null} ({@code nullable: true}, or {@code "null"} in an OpenAPI
     * 3.1 type list). Breaking where the schema describes a response (clients receive nulls); the
     * default here is a request's.
     */
    NULLABLE_ADDED(false),
    /**
     * A schema no longer accepts {@code null}. Breaking where it describes a request; the default
     * here is a request's.
     */
    NULLABLE_REMOVED(true),
    /**
     * A constraint ({@code minimum}, {@code maxLength}, {@code pattern}, {@code maxItems}, {@code
     * uniqueItems}…) was added or narrowed. Breaking on a request (values accepted before are
     * rejected), not on a response; the default here is a request's.
     */
    CONSTRAINT_TIGHTENED(true),
    /**
     * A constraint was removed or widened. Breaking on a response (clients may receive values they
     * never saw), not on a request; the default here is a request's.
     */
    CONSTRAINT_LOOSENED(false),
    /**
     * A constraint changed in a way that is neither narrower nor wider ({@code pattern} or {@code
     * multipleOf} replaced): breaking either way.
     */
    CONSTRAINT_CHANGED(true),
    /**
     * An {@code enum} now restricts a schema that had none. Breaking on a request, not on a
     * response; the default here is a request's.
     */
    ENUM_CONSTRAINT_ADDED(true),
    /**
     * A schema's {@code enum} was removed: any value is now allowed. Breaking on a response, not on
     * a request; the default here is a request's.
     */
    ENUM_CONSTRAINT_REMOVED(false);

    private final boolean breaking;

    Kind(boolean breaking) {
      this.breaking = breaking;
    }

    /** Whether a change of this kind breaks existing clients. */
    public boolean breaking() {
      return breaking;
    }

    /** The kebab-case id used in output ({@code operation-removed}). */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private final boolean breaking;
  private final Location location;
  private final String message;
  private final List<String> operations;

  private ApiChange(Builder builder) {
    this.kind = Objects.requireNonNull(builder.kind, "kind");
    this.breaking = builder.breaking == null ? kind.breaking() : builder.breaking;
    this.location = Objects.requireNonNull(builder.location, "location");
    this.message = Objects.requireNonNull(builder.message, "message");
    this.operations = List.copyOf(builder.operations);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .kind(kind)
        .breaking(breaking)
        .location(location)
        .message(message)
        .operations(operations);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the change breaks existing clients. */
  public boolean breaking() {
    return breaking;
  }

  /** Where: file, line, column and JSON pointer (old document for removals, else new). */
  public Location location() {
    return location;
  }

  /** The JSON pointer of the changed node (RFC 6901, without {@code #}). */
  public String pointer() {
    return location.pointer();
  }

  public String message() {
    return message;
  }

  /**
   * The operations the change affects ({@code GET /pets}), in the order the comparison met them:
   * the operation changed, those of a removed or added path, or every operation that uses a changed
   * shared schema (reached through {@code $ref}s). Empty when no operation is involved.
   */
  public List<String> operations() {
    return operations;
  }

  /** {@code file:line:col breaking|non-breaking kind-id message}, the text output format. */
  public String format() {
    return location
        + " "
        + (breaking ? "breaking" : "non-breaking")
        + " "
        + kind.id()
        + " "
        + message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiChange other
        && kind == other.kind
        && breaking == other.breaking
        && location.equals(other.location)
        && message.equals(other.message)
        && operations.equals(other.operations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, breaking, location, message, operations);
  }

  @Override
  public String toString() {
    return format();
  }

  /** Builds an {@link ApiChange}; {@code breaking} defaults to the kind's. */
  public static final class Builder {
    private Kind kind;
    private Boolean breaking;
    private Location location;
    private String message;
    private List<String> operations = List.of();

    private Builder() {}

    public Builder kind(Kind kind) {
      this.kind = kind;
      return this;
    }

    public Builder breaking(boolean breaking) {
      this.breaking = breaking;
      return this;
    }

    public Builder location(Location location) {
      this.location = location;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** The operations affected ({@link ApiChange#operations()}); none by default. */
    public Builder operations(Collection<String> operations) {
      this.operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
      return this;
    }

    public ApiChange build() {
      return new ApiChange(this);
    }
  }
}
