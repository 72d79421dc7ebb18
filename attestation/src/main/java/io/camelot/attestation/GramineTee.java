package io.camelot.attestation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SGX enclave run under Gramine, reached through its pseudo-files: write REPORT_DATA to {@code
 * /dev/attestation/user_report_data}, read the DCAP quote from {@code /dev/attestation/quote}; the
 * sealing key is {@code /dev/attestation/keys/_sgx_mrenclave}, which only this enclave build on
 * this CPU can read. Evidence uses Avalon's DCAP proofData layout, plus the PCS collateral when the
 * operator provides it (verifiers cannot fetch it offline).
 */
public final class GramineTee implements Tee {
    public static final Path DEFAULT_DIRECTORY = Path.of("/dev/attestation");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final DcapCollateral collateral;

    /**
     * @param collateral embedded in evidence for verifiers; null to publish the quote alone
     */
    public GramineTee(Path directory, DcapCollateral collateral) {
        this.directory = directory;
        this.collateral = collateral;
        String type = readText("attestation_type").strip();
        if (!type.equals("dcap")) {
            throw new IllegalStateException("Gramine attestation type is \""
                    + type
                    + "\"; Camelot needs \"dcap\" (sgx.remote_attestation = \"dcap\")");
        }
    }

    @Override
    public TeeKind kind() {
        return TeeKind.SGX_DCAP;
    }

    @Override
    public byte[] seal(String kind, byte[] plaintext) {
        return AesGcm.of(sealingKey()).seal(plaintext, SealedFile.associatedData(kind));
    }

    @Override
    public byte[] unseal(String kind, byte[] sealed) {
        return AesGcm.of(sealingKey()).open(sealed, SealedFile.associatedData(kind));
    }

    @Override
    public byte[] unsealUnbound(byte[] sealed) {
        return AesGcm.of(sealingKey()).open(sealed, null);
    }

    @Override
    public TeeEvidence attest(byte[] reportData) {
        if (reportData.length != ReportDataBinding.LENGTH) {
            throw new IllegalArgumentException("REPORT_DATA must be 64 bytes, got " + reportData.length);
        }
        byte[] quote;
        try {
            Files.write(directory.resolve("user_report_data"), reportData);
            quote = Files.readAllBytes(directory.resolve("quote"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot obtain a quote from Gramine at " + directory, e);
        }
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put(ProofDataVerifier.AVALON_REPORT, Base64.getEncoder().encodeToString(quote));
        proof.put("report_signature", "");
        proof.put("report_signing_certificate", "");
        if (collateral != null) {
            proof.put(ProofDataVerifier.COLLATERAL, collateral.toJson());
        }
        try {
            return new TeeEvidence(TeeKind.SGX_DCAP.proofDataType(), JSON.writeValueAsString(proof));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gramine's 128-bit MRENCLAVE sealing key, stretched to the AES-256 key the envelope code uses.
     */
    private byte[] sealingKey() {
        try {
            byte[] key = Files.readAllBytes(directory.resolve("keys").resolve("_sgx_mrenclave"));
            return Sha256.digestConcat("camelot-seal-v1".getBytes(StandardCharsets.US_ASCII), key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Gramine sealing key under " + directory, e);
        }
    }

    private String readText(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + directory.resolve(name) + ": not running under Gramine with attestation enabled?",
                    e);
        }
    }
}
