package io.camelot.fabric.chaincode;

import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_ADMIN;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG1_USER;
import static io.camelot.fabric.chaincode.InMemoryLedger.ORG2_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RegistryListTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @Test
    void addsUpdatesAndLooksUpRegistriesOfTheCallersOrganization() {
        ledger.invoke(ORG1_ADMIN, "registryAdd", "org1", "", "workerRegistryCc", "echo,heart");
        ledger.invoke(ORG2_ADMIN, "registryAdd", "org2", "https://tcs.org2", "cc2", "echo");

        ledger.invoke(ORG1_USER, "registryUpdate", "org1", "https://tcs.org1", "cc1", "heart");
        ledger.invoke(ORG1_USER, "registrySetStatus", "org1", "2");

        JsonNode org1 = ledger.invoke(ORG2_ADMIN, "registryRetrieve", "org1");
        assertThat(org1.get("uri").asText()).isEqualTo("https://tcs.org1");
        assertThat(org1.get("scAddr").asText()).isEqualTo("cc1");
        assertThat(org1.get("appTypeIds")).extracting(JsonNode::asText).containsExactly("heart");
        assertThat(org1.get("status").asInt()).isEqualTo(2);
        assertThat(ledger.invoke(ORG1_ADMIN, "registryLookUp", "echo").get("ids"))
                .extracting(JsonNode::asText)
                .containsExactly("org2");
        JsonNode all = ledger.invoke(ORG1_ADMIN, "registryLookUpNext", "", "1");
        assertThat(all.get("totalCount").asInt()).isEqualTo(2);
        assertThat(all.get("ids")).extracting(JsonNode::asText).containsExactly("org2");
    }

    @Test
    void refusesOtherOrganizationsAndDuplicates() {
        ledger.invoke(ORG1_ADMIN, "registryAdd", "org1", "", "cc1", "echo");

        ledger.assertRefused(ORG2_ADMIN, "registryAdd", "org1", "", "cc2", "").hasMessage("registry org1 exists");
        ledger.assertRefused(ORG2_ADMIN, "registryUpdate", "org1", "", "cc2", "")
                .hasMessage("Org2MSP is not the organization of registry org1");
        ledger.assertRefused(ORG2_ADMIN, "registrySetStatus", "org1", "3")
                .hasMessage("Org2MSP is not the organization of registry org1");
        ledger.assertRefused(ORG1_ADMIN, "registrySetStatus", "org1", "4").hasMessage("status must be 1 to 3, got 4");
    }
}
