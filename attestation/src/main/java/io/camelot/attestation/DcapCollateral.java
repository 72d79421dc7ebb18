package io.camelot.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PCS collateral a DCAP quote is verified against, byte-exact as Intel's PCS (or a PCCS) served
 * it. On disk it is a directory of files named as below; inside a worker's proofData it is a JSON
 * object with the same names (DER as base64).
 */
public record DcapCollateral(
        byte[] tcbInfo,
        byte[] tcbInfoIssuerChain,
        byte[] qeIdentity,
        byte[] qeIdentityIssuerChain,
        byte[] pckCrl,
        byte[] pckCrlIssuerChain,
        byte[] rootCaCrl) {

    public static final String TCB_INFO = "tcb_info.json";
    public static final String TCB_INFO_ISSUER_CHAIN = "tcb_info_issuer_chain.pem";
    public static final String QE_IDENTITY = "qe_identity.json";
    public static final String QE_IDENTITY_ISSUER_CHAIN = "qe_identity_issuer_chain.pem";
    public static final String PCK_CRL = "pck_crl.der";
    public static final String PCK_CRL_ISSUER_CHAIN = "pck_crl_issuer_chain.pem";
    public static final String ROOT_CA_CRL = "root_ca_crl.der";

    /**
     * Reads the seven collateral files of a directory.
     *
     * @throws IllegalArgumentException naming the first missing file
     */
    public static DcapCollateral fromDirectory(Path directory) {
        return new DcapCollateral(
                read(directory, TCB_INFO),
                read(directory, TCB_INFO_ISSUER_CHAIN),
                read(directory, QE_IDENTITY),
                read(directory, QE_IDENTITY_ISSUER_CHAIN),
                read(directory, PCK_CRL),
                read(directory, PCK_CRL_ISSUER_CHAIN),
                read(directory, ROOT_CA_CRL));
    }

    /** True if {@code directory} holds a TCB Info file, i.e. looks like a collateral directory. */
    public static boolean present(Path directory) {
        return Files.isRegularFile(directory.resolve(TCB_INFO));
    }

    /** The JSON form carried in proofData: text files as strings, DER files as base64. */
    public Map<String, String> toJson() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put(TCB_INFO, text(tcbInfo));
        json.put(TCB_INFO_ISSUER_CHAIN, text(tcbInfoIssuerChain));
        json.put(QE_IDENTITY, text(qeIdentity));
        json.put(QE_IDENTITY_ISSUER_CHAIN, text(qeIdentityIssuerChain));
        json.put(PCK_CRL, Base64.getEncoder().encodeToString(pckCrl));
        json.put(PCK_CRL_ISSUER_CHAIN, text(pckCrlIssuerChain));
        json.put(ROOT_CA_CRL, Base64.getEncoder().encodeToString(rootCaCrl));
        return json;
    }

    static DcapCollateral fromJson(JsonNode json) {
        return new DcapCollateral(
                bytes(json, TCB_INFO),
                bytes(json, TCB_INFO_ISSUER_CHAIN),
                bytes(json, QE_IDENTITY),
                bytes(json, QE_IDENTITY_ISSUER_CHAIN),
                base64(json, PCK_CRL),
                bytes(json, PCK_CRL_ISSUER_CHAIN),
                base64(json, ROOT_CA_CRL));
    }

    private static byte[] read(Path directory, String name) {
        try {
            return Files.readAllBytes(directory.resolve(name));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("collateral file " + directory.resolve(name) + " is missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read collateral " + directory.resolve(name), e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode json, String name) {
        return field(json, name).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(JsonNode json, String name) {
        try {
            return Base64.getDecoder().decode(field(json, name));
        } catch (IllegalArgumentException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "collateral " + name + " is not base64");
        }
    }

    private static String field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual()) {
            throw new VerificationException(FailureReason.MISSING_COLLATERAL, "collateral " + name + " is missing");
        }
        return value.asText();
    }
}
