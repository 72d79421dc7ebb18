package io.camelot.fabric.chaincode;

import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_ADMIN;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_USER;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG2_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptRegistryTest {
    private final InMemoryLedger ledger = new InMemoryLedger();
    private String key;

    /** Work order wo1 of Org2's admin for worker w1, whose TCS identity is Org1's admin. */
    @BeforeEach
    void submitWorkOrder() {
        ledger.invoke(ORG1_ADMIN, "workerRegister", "w1", "1", "org1", "echo", "{}");
        key = ledger.invoke(ORG2_ADMIN, "workOrderSubmit", "wo1", "w1", "req", "{}")
                .get("workOrderId")
                .asText();
    }

    @Test
    void onlyTheSubmitterCreatesTheReceiptOnce() {
        ledger.assertRefused(ORG1_ADMIN, "workOrderReceiptCreate", key, "w1", "svc", "req", "0", "hash")
                .hasMessage("the caller is not the submitter of work order " + key);
        ledger.assertRefused(ORG2_ADMIN, "workOrderReceiptCreate", key, "w2", "svc", "req", "0", "hash")
                .hasMessage("work order " + key + " is not for worker w2");

        assertThat(create().get("errorCode").asInt()).isZero();
        assertThat(ledger.eventName()).isEqualTo("workOrderReceiptCreated");
        assertThat(create().get("errorCode").asInt()).isEqualTo(ReceiptRegistry.ERROR_EXISTS);
        JsonNode receipt = ledger.invoke(ORG1_USER, "workOrderReceiptRetrieve", key);
        assertThat(receipt.get("workerServiceId").asText()).isEqualTo("svc");
        assertThat(receipt.get("workOrderRequestHash").asText()).isEqualTo("hash");
        assertThat(receipt.get("currentReceiptStatus").asInt()).isZero();
    }

    @Test
    void theSubmitterAndTheWorkersTcsUpdateOthersAreRefused() {
        create();

        ledger.assertRefused(ORG1_USER, "workOrderReceiptUpdate", key, "u", "1", "d", "s", "r")
                .hasMessage("the caller is neither the creator of receipt " + key + " nor its worker's TCS identity");
        ledger.invoke(ORG1_ADMIN, "workOrderReceiptUpdate", key, "worker", "1", "done", "sig", "rules");
        assertThat(ledger.eventName()).isEqualTo("workOrderReceiptUpdated");
        ledger.invoke(ORG2_ADMIN, "workOrderReceiptUpdate", key, "requester", "1000", "app", "", "");

        assertThat(ledger.invoke(ORG1_USER, "workOrderReceiptRetrieve", key)
                        .get("currentReceiptStatus")
                        .asInt())
                .as("types above 255 leave the status alone")
                .isEqualTo(1);
        JsonNode last = ledger.invoke(ORG1_USER, "workOrderReceiptUpdateRetrieve", key, "", "4294967295");
        assertThat(last.get("update").get("updaterId").asText()).isEqualTo("requester");
        assertThat(last.get("updateCount").asInt()).isEqualTo(2);
        JsonNode byWorker = ledger.invoke(ORG1_USER, "workOrderReceiptUpdateRetrieve", key, "worker", "1");
        assertThat(byWorker.get("update").get("updateData").asText()).isEqualTo("done");
        assertThat(byWorker.get("updateCount").asInt()).isEqualTo(1);
        ledger.assertRefused(ORG1_USER, "workOrderReceiptUpdateRetrieve", key, "worker", "2")
                .hasMessage("update index 2 out of range");
        ledger.assertRefused(ORG1_USER, "workOrderReceiptUpdateRetrieve", key, "nobody", "1")
                .hasMessage("no such update");
    }

    @Test
    void looksUpByIdsAndCurrentStatus() {
        create();
        ledger.invoke(ORG1_ADMIN, "workOrderReceiptUpdate", key, "worker", "3", "", "", "");

        assertThat(ledger.invoke(ORG1_USER, "workOrderReceiptLookUp", "svc", "w1", "req", "3")
                        .get("ids"))
                .extracting(JsonNode::asText)
                .containsExactly(key);
        assertThat(ledger.invoke(ORG1_USER, "workOrderReceiptLookUp", "", "", "", "255")
                        .get("totalCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(ledger.invoke(ORG1_USER, "workOrderReceiptLookUpNext", "", "", "", "0", "0")
                        .get("totalCount")
                        .asInt())
                .isZero();
    }

    private JsonNode create() {
        return ledger.invoke(ORG2_ADMIN, "workOrderReceiptCreate", key, "w1", "svc", "req", "0", "hash");
    }
}
