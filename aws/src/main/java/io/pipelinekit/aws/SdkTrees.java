package io.pipelinekit.aws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between the JSON trees synthesis writes (the API's own member names) and SDK v2 model
 * objects, through the models' {@code serializableBuilderClass()} (bean-style builders the SDK
 * provides for this). An unknown member is an error, not silently dropped.
 */
final class SdkTrees {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .enable(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS)
          // Read-only timestamps (created, lastModified) only ever go out, as ISO-8601 text.
          .addModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
          .build();

  private SdkTrees() {}

  /** The SDK object of type {@code type} that {@code tree} describes. */
  static <T extends SdkPojo> T toModel(Map<String, Object> tree, Class<T> type) {
    Class<?> builderClass;
    try {
      builderClass = (Class<?>) type.getMethod("serializableBuilderClass").invoke(null);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(type.getName() + " has no serializable builder", e);
    }
    Object builder;
    try {
      builder = MAPPER.convertValue(tree, builderClass);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the " + type.getSimpleName() + " declaration: " + e.getMessage(), e);
    }
    return type.cast(((SdkBuilder<?, ?>) builder).build());
  }

  /** The JSON tree of an SDK object, without null members (member names as in the API). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toTree(SdkPojo model) {
    Object builder;
    try {
      builder = model.getClass().getMethod("toBuilder").invoke(model);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(model.getClass().getName() + " has no builder", e);
    }
    Map<String, Object> tree = MAPPER.convertValue(builder, Map.class);
    return (Map<String, Object>) prune(tree);
  }

  /** Drops nulls, and empty lists and maps, recursively (AWS reports absent and empty alike). */
  @SuppressWarnings("unchecked")
  static Object prune(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = prune(e.getValue());
        if (v != null) {
          out.put(String.valueOf(e.getKey()), v);
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object v = prune(item);
        out.add(v == null ? Map.of() : v);
      }
      return out.isEmpty() ? null : out;
    }
    return value;
  }
}
