package io.camelot.fabric;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where and as whom to reach the chaincode: the peer's Gateway endpoint ({@code host:port}) with the CA
 * of its TLS certificate, the client's MSP id, certificate and private key (PEM files), the channel and
 * the chaincode's name.
 */
public record FabricSettings(
        String peerEndpoint,
        Path peerTlsCa,
        String mspId,
        Path certificate,
        Path privateKey,
        String channel,
        String chaincode) {

    /** The name deploy/fabric/network.sh's users deploy the chaincode under. */
    public static final String DEFAULT_CHAINCODE = "camelot";

    public FabricSettings {
        Objects.requireNonNull(peerEndpoint, "peerEndpoint");
        Objects.requireNonNull(peerTlsCa, "peerTlsCa");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
    }

    /**
     * The settings in a {@code network.env} that deploy/fabric/network.sh wrote, for the chaincode
     * {@link #DEFAULT_CHAINCODE}.
     *
     * @param who "ADMIN" (the org's admin, the workers' TCS) or "USER" (a requester)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if {@code who} is neither or the file lacks a setting
     */
    public static FabricSettings fromNetworkEnv(Path networkEnv, String who) throws IOException {
        if (!who.equals("ADMIN") && !who.equals("USER")) {
            throw new IllegalArgumentException("the Fabric identity is ADMIN or USER, not " + who);
        }
        Properties env = new Properties();
        try (Reader reader = Files.newBufferedReader(networkEnv)) {
            env.load(reader);
        }
        UnaryOperator<String> value = name -> {
            String v = env.getProperty(name);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(networkEnv + " has no " + name);
            }
            return v.strip();
        };
        return new FabricSettings(
                value.apply("FABRIC_PEER_ENDPOINT"),
                Path.of(value.apply("FABRIC_PEER_TLS_CA")),
                value.apply("FABRIC_MSP_ID"),
                Path.of(value.apply("FABRIC_" + who + "_CERT")),
                Path.of(value.apply("FABRIC_" + who + "_KEY")),
                value.apply("FABRIC_CHANNEL"),
                DEFAULT_CHAINCODE);
    }
}
