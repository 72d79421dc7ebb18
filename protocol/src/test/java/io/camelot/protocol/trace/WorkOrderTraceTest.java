package io.camelot.protocol.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class WorkOrderTraceTest {

    @Test
    void theTraceIdIsAW3cTraceIdDerivedFromTheWorkOrderId() {
        String id = WorkOrderTrace.traceId("0x1234abcd");
        assertThat(id).matches("[0-9a-f]{32}").isEqualTo(WorkOrderTrace.traceId("0x1234abcd"));
        // Ids are never normalised: a different spelling is a different work order.
        assertThat(WorkOrderTrace.traceId("1234abcd")).isNotEqualTo(id);
        // SHA-256("abc") starts with ba7816bf8f01cfea414140de5dae2223.
        assertThat(WorkOrderTrace.traceId("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223");
    }

    @Test
    void aScopeSetsTheMdcAndRestoresTheOuterScope() {
        try (var outer = WorkOrderTrace.open("aa", "test.outer")) {
            try (var inner = WorkOrderTrace.open("bb", "test.inner")) {
                assertThat(MDC.get(WorkOrderTrace.WORK_ORDER_ID)).isEqualTo("bb");
                assertThat(MDC.get(WorkOrderTrace.TRACE_ID)).isEqualTo(WorkOrderTrace.traceId("bb"));
            }
            assertThat(MDC.get(WorkOrderTrace.WORK_ORDER_ID)).isEqualTo("aa");
        }
        assertThat(MDC.get(WorkOrderTrace.WORK_ORDER_ID)).isNull();
        assertThat(MDC.get(WorkOrderTrace.TRACE_ID)).isNull();
    }
}
