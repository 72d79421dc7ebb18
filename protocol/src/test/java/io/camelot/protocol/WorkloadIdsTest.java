package io.camelot.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadIdsTest {

    @Test
    void theWorkloadIdIsLowerHexOfTheUtf8Name() {
        assertThat(WorkloadIds.of("echo-result")).isEqualTo("6563686f2d726573756c74");
        assertThat(WorkloadIds.name("6563686f2d726573756c74")).contains("echo-result");
        assertThat(WorkloadIds.name("0x6563686F2D726573756C74")).contains("echo-result");
        assertThat(WorkloadIds.name(WorkloadIds.of("héllo-wörld"))).contains("héllo-wörld");
    }

    @Test
    void idsThatAreNotHexOfUtf8NameNoWorkload() {
        assertThat(WorkloadIds.name("zz")).isEmpty();
        assertThat(WorkloadIds.name("abc")).isEmpty();
        assertThat(WorkloadIds.name("c328")).isEmpty();
    }
}
