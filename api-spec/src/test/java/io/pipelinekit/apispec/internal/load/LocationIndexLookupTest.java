package io.pipelinekit.apispec.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.IdentityHashMap;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class LocationIndexLookupTest {

  /** An object node that counts how many member names lookups read. */
  static final class CountingObject extends ObjectNode {
    long namesRead;

    CountingObject() {
      super(JsonNodeFactory.instance);
    }

    @Override
    public Iterator<String> fieldNames() {
      Iterator<String> names = super.fieldNames();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return names.hasNext();
        }

        @Override
        public String next() {
          namesRead++;
          return names.next();
        }
      };
    }
  }

  private static final int MEMBERS = 20_000;

  private static CountingObject paths;

  private static LocationIndex bigObjectIndex() {
    paths = new CountingObject();
    LocationIndex.Positions positions = new LocationIndex.Positions();
    for (int i = 0; i < MEMBERS; i++) {
      paths.put("/items" + i + "/a~b", i);
      positions.add(LocationIndex.pack(i + 2, 3));
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("paths", paths);
    LocationIndex.Positions rootPositions = new LocationIndex.Positions();
    rootPositions.add(LocationIndex.pack(1, 1));
    IdentityHashMap<JsonNode, LocationIndex.Positions> children = new IdentityHashMap<>();
    children.put(root, rootPositions);
    children.put(paths, positions);
    return new LocationIndex(root, LocationIndex.pack(1, 1), children);
  }

  @Test
  void get_everyMemberOfALargeObject_readsEachNameAboutOnceNotOncePerLookup() {
    LocationIndex index = bigObjectIndex();

    for (int i = 0; i < MEMBERS; i++) {
      assertThat(index.get("/paths/~1items" + i + "~1a~0b")).containsExactly(i + 2, 3);
    }

    // A scan per lookup reads MEMBERS * MEMBERS / 2 = 200,000,000 names; a lookup table, MEMBERS.
    assertThat(paths.namesRead).isLessThanOrEqualTo(2L * MEMBERS);
  }

  @Test
  void get_inALargeObject_missingMemberOrWrongIndexIsNull() {
    LocationIndex index = bigObjectIndex();

    assertThat(index.get("/paths/~1items" + MEMBERS + "~1a~0b")).isNull();
    assertThat(index.get("/paths/0")).isNull();
    assertThat(index.get("/paths/~1items7~1a~0b/deeper")).isNull();
    assertThat(index.get("/paths")).containsExactly(1, 1);
    assertThat(index.get("")).containsExactly(1, 1);
  }

  @Test
  void get_inASmallObject_findsMembersByName() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("openapi", "3.0.3");
    root.put("a/b", 1);
    LocationIndex.Positions positions = new LocationIndex.Positions();
    positions.add(LocationIndex.pack(1, 1));
    positions.add(LocationIndex.pack(2, 1));
    IdentityHashMap<JsonNode, LocationIndex.Positions> children = new IdentityHashMap<>();
    children.put(root, positions);
    LocationIndex index = new LocationIndex(root, LocationIndex.pack(1, 1), children);

    assertThat(index.get("/a~1b")).containsExactly(2, 1);
    assertThat(index.get("/openapi")).containsExactly(1, 1);
    assertThat(index.get("/missing")).isNull();
  }
}
