package io.camelot.fabric.chaincode;

import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_ADMIN;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_USER;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG2_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkOrderRegistryTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    /** Worker w1 of Org1, whose TCS identity is Org1's admin; Org2's admin is the requester. */
    @BeforeEach
    void registerWorker() {
        ledger.invoke(ORG1_ADMIN, "workerRegister", "w1", "1", "org1", "echo", "{}");
    }

    @Test
    void submitsUnderAKeyDerivedFromTheSubmitterSoIdsCannotBeSquatted() {
        JsonNode squatted = submit(ORG1_USER, "wo1");
        JsonNode genuine = submit(ORG2_ADMIN, "wo1");

        assertThat(genuine.get("errorCode").asInt()).isEqualTo(WorkOrderRegistry.ERROR_NONE);
        assertThat(genuine.get("workOrderId").asText())
                .isEqualTo(WorkOrderRegistry.key(ORG2_ADMIN, "wo1"))
                .isNotEqualTo(squatted.get("workOrderId").asText());
        assertThat(ledger.eventName()).isEqualTo("workOrderSubmitted");
        assertThat(ledger.eventPayload()).isEqualTo(genuine);
        assertThat(genuine.get("sender").get("mspId").asText()).isEqualTo("Org2MSP");
        assertThat(genuine.get("version").asText()).isEqualTo("0x01010000");

        JsonNode order = ledger.invoke(
                ORG1_ADMIN, "workOrderGet", genuine.get("workOrderId").asText());
        assertThat(order.get("status").asInt()).isEqualTo(WorkOrderRegistry.STATUS_ACTIVE);
        assertThat(order.get("request").asText()).isEqualTo("{\"workOrderId\":\"wo1\"}");
    }

    @Test
    void reportsDuplicatesAndInactiveWorkersAsErrorCodes() {
        submit(ORG2_ADMIN, "wo1");

        assertThat(submit(ORG2_ADMIN, "wo1").get("errorCode").asInt()).isEqualTo(WorkOrderRegistry.ERROR_DUPLICATE);
        ledger.invoke(ORG1_ADMIN, "workerSetStatus", "w1", "2");
        assertThat(submit(ORG2_ADMIN, "wo2").get("errorCode").asInt())
                .isEqualTo(WorkOrderRegistry.ERROR_WORKER_NOT_ACTIVE);
        assertThat(ledger.eventPayload().get("errorCode").asInt()).isEqualTo(WorkOrderRegistry.ERROR_WORKER_NOT_ACTIVE);
        ledger.assertRefused(ORG1_ADMIN, "workOrderGet", WorkOrderRegistry.key(ORG2_ADMIN, "wo2"))
                .hasMessageStartingWith("unknown workOrder");
    }

    @Test
    void onlyTheWorkersTcsIdentityCompletesAndOnlyOnce() {
        String key = submit(ORG2_ADMIN, "wo1").get("workOrderId").asText();

        ledger.assertRefused(ORG2_ADMIN, "workOrderComplete", key, "{\"forged\":1}")
                .hasMessage("the caller is not the TCS identity of worker w1");
        ledger.assertRefused(ORG1_USER, "workOrderComplete", key, "{\"forged\":1}")
                .hasMessage("the caller is not the TCS identity of worker w1");
        JsonNode completed = ledger.invoke(ORG1_ADMIN, "workOrderComplete", key, "{\"result\":1}");

        assertThat(ledger.eventName()).isEqualTo("workOrderCompleted");
        assertThat(ledger.eventPayload()).isEqualTo(completed);
        assertThat(completed.get("requesterId").asText()).isEqualTo("requester");
        assertThat(completed.get("workOrderStatus").asInt()).isEqualTo(WorkOrderRegistry.STATUS_COMPLETED);
        ledger.assertRefused(ORG1_ADMIN, "workOrderComplete", key, "{}")
                .hasMessage("work order " + key + " is already completed");
        JsonNode order = ledger.invoke(ORG2_ADMIN, "workOrderGet", key);
        assertThat(order.get("status").asInt()).isEqualTo(WorkOrderRegistry.STATUS_COMPLETED);
        assertThat(order.get("response").asText()).isEqualTo("{\"result\":1}");
    }

    @Test
    void aWorkerMarkedCompromisedCompletesNoMoreWorkOrders() {
        String key = submit(ORG2_ADMIN, "wo1").get("workOrderId").asText();
        ledger.invoke(ORG1_ADMIN, "workerSetStatus", "w1", "4");

        ledger.assertRefused(ORG1_ADMIN, "workOrderComplete", key, "{\"result\":1}")
                .hasMessage("worker w1 is compromised");
        assertThat(ledger.invoke(ORG2_ADMIN, "workOrderGet", key).get("status").asInt())
                .isEqualTo(WorkOrderRegistry.STATUS_ACTIVE);
    }

    @Test
    void aNewTcsIdentityTakesOverCompletion() {
        String key = submit(ORG2_ADMIN, "wo1").get("workOrderId").asText();
        ledger.invoke(ORG1_ADMIN, "workerSetTcsIdentity", "w1", ORG1_USER.mspId(), ORG1_USER.id());

        ledger.assertRefused(ORG1_ADMIN, "workOrderComplete", key, "{}");
        ledger.invoke(ORG1_USER, "workOrderComplete", key, "{}");
    }

    private JsonNode submit(Ledger.Caller as, String workOrderId) {
        return ledger.invoke(
                as, "workOrderSubmit", workOrderId, "w1", "requester", "{\"workOrderId\":\"" + workOrderId + "\"}");
    }
}
