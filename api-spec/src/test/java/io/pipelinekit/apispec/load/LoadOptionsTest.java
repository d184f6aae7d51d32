package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.LoadOptions;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  @Test
  void defaults_areTheDocumentedLimits() {
    LoadOptions d = LoadOptions.defaults();
    assertThat(d.maxBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(d.maxDepth()).isEqualTo(256);
    assertThat(d.maxStringLength()).isEqualTo(1024 * 1024);
    assertThat(d.maxAliases()).isEqualTo(100);
    assertThat(d.maxAliasNodes()).isEqualTo(10_000);
    assertThat(d.allowedRemoteRefHosts()).isEmpty();
  }

  @Test
  void builder_rejectsNonPositiveLimits_namingTheLimit() {
    assertThatThrownBy(() -> LoadOptions.builder().maxBytes(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytes must be positive, was 0");
    assertThatThrownBy(() -> LoadOptions.builder().maxDepth(-1).build())
        .hasMessage("maxDepth must be positive, was -1");
    assertThatThrownBy(() -> LoadOptions.builder().maxAliases(-1).build())
        .hasMessageContaining("maxAliases");
    assertThatThrownBy(() -> LoadOptions.builder().allowRemoteRefHost(" ").build())
        .hasMessageContaining("blank");
  }

  @Test
  void toBuilder_roundTrips_andHostsAreLowerCase() {
    LoadOptions o =
        LoadOptions.builder().maxAliases(0).allowRemoteRefHost("Schemas.Example.COM").build();
    assertThat(o.allowedRemoteRefHosts()).containsExactly("schemas.example.com");
    assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
    assertThat(o.toBuilder().allowedRemoteRefHosts(Set.of()).build().allowedRemoteRefHosts())
        .isEmpty();
  }
}
