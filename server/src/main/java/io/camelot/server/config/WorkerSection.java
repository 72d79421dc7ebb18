package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.worker.WorkerConfig;
import java.util.List;

/** {@code [worker]}: the singleton worker and its TEE. */
public record WorkerSection(
        @JsonPropertyDescription("the worker's name; its worker id is SHA-256 of the name (Avalon's rule)")
        String name,

        @JsonPropertyDescription("organization id (hex) in the worker's Worker Directory record")
        @JsonProperty("organization_id")
        String organizationId,

        @JsonPropertyDescription("application type id (hex) in the worker's Worker Directory record")
        @JsonProperty("application_type_id")
        String applicationTypeId,

        @JsonPropertyDescription("work orders processed at once")
        int concurrency,

        @JsonPropertyDescription(
                "\"simulated\" (no hardware, evidence labelled TEE-SIMULATED) or \"gramine\" (SGX under"
                        + " Gramine: DCAP quotes from /dev/attestation)")
        TeeKind tee,

        @JsonPropertyDescription("gramine only: directory of DCAP collateral to publish beside the quote; \"\" = none")
        @JsonProperty("collateral_dir")
        String collateralDir,

        @JsonPropertyDescription(
                "the session-key wraps the worker offers: \"RSA-OAEP-3072\", which Avalon clients need and so"
                        + " must be listed, optionally with \"X25519-HKDF-SHA256-AES-GCM-256\"")
        @JsonProperty("key_encryption")
        List<KeyEncryption> keyEncryption,

        @JsonPropertyDescription("refuse work orders without a requester signature (code 3), in either envelope form")
        @JsonProperty("require_requester_signature")
        boolean requireRequesterSignature) {
    /** Where the worker runs. */
    public enum TeeKind implements TomlChoice {
        /** No hardware, evidence labelled TEE-SIMULATED. */
        SIMULATED,
        /** SGX under Gramine: DCAP quotes from /dev/attestation. */
        GRAMINE;
    }

    /** The session-key wraps a worker can offer. */
    public enum KeyEncryption implements TomlChoice {
        RSA_OAEP_3072(WorkerDetails.RSA_OAEP_3072),
        X25519_HKDF(X25519Hkdf.ALGORITHM);

        // Spelled as on the wire, not after the constant.
        private final String toml;

        KeyEncryption(String toml) {
            this.toml = toml;
        }

        @Override
        public String toml() {
            return toml;
        }
    }

    public WorkerSection {
        keyEncryption = List.copyOf(keyEncryption);
        Ranges.atLeast("worker", "concurrency", concurrency, 1);
        if (!keyEncryption.contains(KeyEncryption.RSA_OAEP_3072)) {
            throw new IllegalArgumentException("[worker] key_encryption must list \""
                    + WorkerDetails.RSA_OAEP_3072
                    + "\": Avalon clients only wrap to the RSA key");
        }
    }

    public static WorkerSection defaults() {
        WorkerConfig defaults = WorkerConfig.defaults();
        return new WorkerSection(
                defaults.name(),
                defaults.organizationId(),
                defaults.applicationTypeId(),
                defaults.concurrency(),
                TeeKind.SIMULATED,
                "",
                List.of(KeyEncryption.RSA_OAEP_3072),
                false);
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public boolean offersX25519() {
        return keyEncryption.contains(KeyEncryption.X25519_HKDF);
    }

    /** The worker module's settings. */
    public WorkerConfig toSettings() {
        return new WorkerConfig(name, organizationId, applicationTypeId, concurrency, requireRequesterSignature);
    }

    public static final class Builder {
        private String name;
        private String organizationId;
        private String applicationTypeId;
        private int concurrency;
        private TeeKind tee;
        private String collateralDir;
        private List<KeyEncryption> keyEncryption;
        private boolean requireRequesterSignature;

        private Builder(WorkerSection from) {
            name = from.name;
            organizationId = from.organizationId;
            applicationTypeId = from.applicationTypeId;
            concurrency = from.concurrency;
            tee = from.tee;
            collateralDir = from.collateralDir;
            keyEncryption = from.keyEncryption;
            requireRequesterSignature = from.requireRequesterSignature;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder organizationId(String value) {
            organizationId = value;
            return this;
        }

        public Builder applicationTypeId(String value) {
            applicationTypeId = value;
            return this;
        }

        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        public Builder tee(TeeKind value) {
            tee = value;
            return this;
        }

        public Builder collateralDir(String value) {
            collateralDir = value;
            return this;
        }

        public Builder keyEncryption(List<KeyEncryption> value) {
            keyEncryption = value;
            return this;
        }

        public Builder requireRequesterSignature(boolean value) {
            requireRequesterSignature = value;
            return this;
        }

        public WorkerSection build() {
            return new WorkerSection(
                    name,
                    organizationId,
                    applicationTypeId,
                    concurrency,
                    tee,
                    collateralDir,
                    keyEncryption,
                    requireRequesterSignature);
        }
    }
}
