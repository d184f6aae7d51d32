package io.pipelinekit.aws.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads a JSON document into an AWS SDK request strictly, through the SDK's own field metadata
 * ({@link SdkPojo#sdkFields()}): every member must exist in the SDK's model with the JSON type the
 * model declares, and every enum value must be one the SDK knows.
 */
public final class SdkJson {
  private SdkJson() {}

  /** Thrown when the JSON does not fit the SDK's shape. */
  public static final class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShapeException(String message) {
      super(message);
    }
  }

  /** Fills {@code builder} from the JSON object and builds it. */
  @SuppressWarnings("unchecked")
  public static <T> T read(JsonNode json, SdkPojo builder) {
    return (T) readPojo(json, builder, "");
  }

  private static Object readPojo(JsonNode json, SdkPojo builder, String path) {
    if (!json.isObject()) {
      throw new ShapeException(path + ": expected an object, found " + json.getNodeType());
    }
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> field : builder.sdkFields()) {
      fields.put(field.locationName(), field);
    }
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      SdkField<?> field = fields.get(member.getKey());
      String at = path + "/" + member.getKey();
      if (field == null) {
        throw new ShapeException(
            at + ": not a member of " + builder.getClass().getName() + " " + fields.keySet());
      }
      field.set(builder, value(field, member.getValue(), at));
    }
    return ((SdkBuilder<?, ?>) builder).build();
  }

  private static Object value(SdkField<?> field, JsonNode json, String path) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      require(json.isTextual(), path, "a string", json);
      return json.textValue();
    } else if (type == MarshallingType.INTEGER) {
      require(json.isInt(), path, "an integer", json);
      return json.intValue();
    } else if (type == MarshallingType.LONG) {
      require(json.isIntegralNumber(), path, "an integer", json);
      return json.longValue();
    } else if (type == MarshallingType.BOOLEAN) {
      require(json.isBoolean(), path, "a boolean", json);
      return json.booleanValue();
    } else if (type == MarshallingType.SDK_POJO) {
      return readPojo(json, field.constructor().get(), path);
    } else if (type == MarshallingType.LIST) {
      require(json.isArray(), path, "an array", json);
      SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        list.add(value(member, json.get(i), path + "/" + i));
      }
      return list;
    } else if (type == MarshallingType.MAP) {
      require(json.isObject(), path, "an object", json);
      SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      json.properties()
          .forEach(
              e -> map.put(e.getKey(), value(valueField, e.getValue(), path + "/" + e.getKey())));
      return map;
    }
    throw new ShapeException(path + ": unsupported member type " + type);
  }

  private static void require(boolean ok, String path, String expected, JsonNode json) {
    if (!ok) {
      throw new ShapeException(path + ": expected " + expected + ", found " + json);
    }
  }

  /**
   * Every enum-typed member of the object tree holds a value the SDK knows (not
   * UNKNOWN_TO_SDK_VERSION); returns the paths of those that do not.
   */
  public static List<String> unknownEnumValues(SdkPojo pojo) {
    List<String> unknown = new ArrayList<>();
    collectUnknown(pojo, "", unknown);
    return unknown;
  }

  private static void collectUnknown(Object value, String path, List<String> unknown) {
    if (value instanceof SdkPojo pojo) {
      for (SdkField<?> field : pojo.sdkFields()) {
        Object member = field.getValueOrDefault(pojo);
        String at = path + "/" + field.locationName();
        if (member == null) {
          continue;
        }
        checkEnumGetter(pojo, field, at, unknown);
        collectUnknown(member, at, unknown);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectUnknown(list.get(i), path + "/" + i, unknown);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknown(v, path + "/" + k, unknown));
    }
  }

  private static void checkEnumGetter(
      SdkPojo pojo, SdkField<?> field, String path, List<String> unknown) {
    String name = field.memberName();
    String getter = Character.toLowerCase(name.charAt(0)) + name.substring(1);
    for (java.lang.reflect.Method m : pojo.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().equalsIgnoreCase(getter)) {
        continue;
      }
      try {
        Object result = m.invoke(pojo);
        if (result instanceof Enum<?> e && e.name().equals("UNKNOWN_TO_SDK_VERSION")) {
          unknown.add(path);
        } else if (result instanceof List<?> list) {
          for (Object item : list) {
            if (item instanceof Enum<?> e && e.name().equals("UNKNOWN_TO_SDK_VERSION")) {
              unknown.add(path);
            }
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
