package io.camelot.fabric.chaincode;

import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_ADMIN;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_USER;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG2_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class WorkerRegistryTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @Test
    void registersAWorkerForTheCallersOrganization() {
        ledger.invoke(ORG1_ADMIN, "workerRegister", "w1", "1", "org1", "echo,heart", "{\"a\":1}");

        assertThat(ledger.eventName()).isEqualTo("workerRegistered");
        assertThat(ledger.eventPayload().get("ownerMspId").asText()).isEqualTo("Org1MSP");
        JsonNode worker = ledger.invoke(ORG2_ADMIN, "workerRetrieve", "w1");
        assertThat(worker.get("status").asInt()).isEqualTo(WorkerRegistry.STATUS_ACTIVE);
        assertThat(worker.get("workerType").asInt()).isEqualTo(1);
        assertThat(worker.get("organizationId").asText()).isEqualTo("org1");
        assertThat(worker.get("applicationTypeId")).extracting(JsonNode::asText).containsExactly("echo", "heart");
        assertThat(worker.get("details").asText()).isEqualTo("{\"a\":1}");
        assertThat(worker.get("tcs").get("id").asText()).isEqualTo(ORG1_ADMIN.id());
    }

    @Test
    void refusesDuplicatesBadArgumentsAndUnknownWorkers() {
        ledger.invoke(ORG1_ADMIN, "workerRegister", "w1", "1", "org1", "", "{}");

        ledger.assertRefused(ORG2_ADMIN, "workerRegister", "w1", "1", "org2", "", "{}")
                .hasMessage("worker w1 exists");
        ledger.assertRefused(ORG1_ADMIN, "workerRegister", "w2", "0", "org1", "", "{}")
                .hasMessage("workerType is 0");
        ledger.assertRefused(ORG1_ADMIN, "workerRegister", "w2", "one", "org1", "", "{}")
                .hasMessage("workerType must be a number, got 'one'");
        ledger.assertRefused(ORG1_ADMIN, "workerRegister", "", "1", "org1", "", "{}")
                .hasMessage("workerId is empty");
        ledger.assertRefused(ORG1_ADMIN, "workerRegister", "w2").hasMessageContaining("takes 5 arguments");
        ledger.assertRefused(ORG1_ADMIN, "workerRetrieve", "nope").hasMessage("unknown worker nope");
        ledger.assertRefused(ORG1_ADMIN, "workerFly").hasMessage("unknown function workerFly");
    }

    @Test
    void onlyTheRegisteringOrganizationChangesItsWorker() {
        ledger.invoke(ORG1_ADMIN, "workerRegister", "w1", "1", "org1", "", "{}");

        ledger.assertRefused(ORG2_ADMIN, "workerUpdate", "w1", "{\"evil\":1}")
                .hasMessage("Org2MSP is not the organization of worker w1");
        ledger.assertRefused(ORG2_ADMIN, "workerSetStatus", "w1", "4")
                .hasMessage("Org2MSP is not the organization of worker w1");
        ledger.assertRefused(ORG2_ADMIN, "workerSetTcsIdentity", "w1", "Org2MSP", "x")
                .hasMessage("Org2MSP is not the organization of worker w1");
        ledger.assertRefused(ORG1_ADMIN, "workerSetStatus", "w1", "5").hasMessage("status must be 1 to 4, got 5");

        ledger.invoke(ORG1_USER, "workerUpdate", "w1", "{\"v\":2}");
        ledger.invoke(ORG1_USER, "workerSetStatus", "w1", "2");
        ledger.invoke(ORG1_ADMIN, "workerSetTcsIdentity", "w1", "Org1MSP", ORG1_USER.id());
        JsonNode worker = ledger.invoke(ORG1_ADMIN, "workerRetrieve", "w1");
        assertThat(worker.get("details").asText()).isEqualTo("{\"v\":2}");
        assertThat(worker.get("status").asInt()).isEqualTo(2);
        assertThat(worker.get("tcs").get("id").asText()).isEqualTo(ORG1_USER.id());
    }

    @Test
    void looksUpWithWildcardsAndPages() {
        for (int i = 0; i < 60; i++) {
            String type = i % 2 == 0 ? "1" : "2";
            ledger.invoke(ORG1_ADMIN, "workerRegister", String.format("w%02d", i), type, "org" + i % 3, "echo", "{}");
        }

        JsonNode first = ledger.invoke(ORG1_ADMIN, "workerLookUp", "0", "", "echo");
        assertThat(first.get("totalCount").asInt()).isEqualTo(60);
        assertThat(first.get("ids")).hasSize(Table.PAGE_SIZE);
        assertThat(first.get("lookupTag").asInt()).isEqualTo(50);
        JsonNode next = ledger.invoke(ORG1_ADMIN, "workerLookUpNext", "0", "", "echo", "50");
        assertThat(next.get("ids"))
                .extracting(JsonNode::asText)
                .startsWith("w50")
                .hasSize(10);
        assertThat(next.get("lookupTag").asInt()).isZero();

        JsonNode typeAndOrg = ledger.invoke(ORG1_ADMIN, "workerLookUp", "1", "org0", "");
        assertThat(typeAndOrg.get("ids"))
                .extracting(JsonNode::asText)
                .allMatch(id -> Integer.parseInt(id.substring(1)) % 6 == 0);
        assertThat(typeAndOrg.get("totalCount").asInt()).isEqualTo(10);
        assertThat(ledger.invoke(ORG1_ADMIN, "workerLookUp", "0", "", "heart")
                        .get("totalCount")
                        .asInt())
                .isZero();
    }
}
