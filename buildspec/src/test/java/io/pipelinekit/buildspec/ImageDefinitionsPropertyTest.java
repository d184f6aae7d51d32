package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid image definitions written with toJson() parse back equal, byte-stable. */
class ImageDefinitionsPropertyTest {

  @Provide
  Arbitrary<Map<String, String>> definitions() {
    Arbitrary<String> name =
        Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(40);
    Arbitrary<String> repo =
        Arbitraries.strings().withChars("abcz09").ofMinLength(2).ofMaxLength(12);
    Arbitrary<String> tag =
        Arbitraries.strings().withChars("aZ09_.-").ofMinLength(0).ofMaxLength(20).map(t -> "v" + t);
    Arbitrary<String> uri =
        Combinators.combine(
                Arbitraries.of(
                    List.of(
                        "111122223333.dkr.ecr.eu-west-1.amazonaws.com",
                        "ghcr.io",
                        "localhost:5000")),
                repo,
                tag)
            .as((registry, r, t) -> registry + "/team/" + r + ":" + t);
    return Arbitraries.maps(name, uri).ofMinSize(1).ofMaxSize(8).map(LinkedHashMap::new);
  }

  @Property(tries = 200)
  void toJson_thenParse_givesEqualDefinitions(@ForAll("definitions") Map<String, String> images) {
    ImageDefinitions defs = ImageDefinitions.of(images);
    String json = defs.toJson();
    ImageDefinitions parsed = ImageDefinitions.parse(json, "imagedefinitions.json");
    assertThat(parsed).isEqualTo(defs);
    assertThat(parsed.toJson()).isEqualTo(json);
    assertThat(parsed.asMap()).containsExactlyEntriesOf(images);
  }
}
