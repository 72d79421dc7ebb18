package io.camelot.server;

import io.camelot.fabric.FabricSettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * Where and as whom to reach the Fabric chaincode: a network.env (deploy/fabric/network.sh's) and an
 * identity in it, each setting overridable, or every setting given explicitly.
 */
final class FabricOptions {
    /**
     * gRPC logs through java.util.logging, which nothing here routes: its INFO line at the first
     * connection ("Epoll available…") would be noise on the CLI. Held here so the level stays set.
     */
    private static final Logger GRPC_NETTY = Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty");

    static {
        GRPC_NETTY.setLevel(Level.WARNING);
    }

    @Option(
            names = "--fabric-env",
            paramLabel = "FILE",
            description = "A Fabric network.env (deploy/fabric/network.sh writes $FABRIC_HOME/network.env) giving"
                    + " the peer, its TLS CA, the MSP id, the identity's certificate and key, and the channel")
    Path env;

    @Option(
            names = "--fabric-identity",
            paramLabel = "ADMIN|USER",
            description = "With --fabric-env: which identity of it to act as (default: ${DEFAULT-VALUE})")
    String identity;

    @Option(names = "--fabric-peer", paramLabel = "HOST:PORT", description = "The peer's Gateway endpoint")
    String peer;

    @Option(names = "--fabric-tls-ca", paramLabel = "PEM", description = "The CA of the peer's TLS certificate")
    Path tlsCa;

    @Option(names = "--fabric-msp-id", paramLabel = "ID", description = "The identity's MSP id")
    String mspId;

    @Option(names = "--fabric-cert", paramLabel = "PEM", description = "The identity's certificate")
    Path cert;

    @Option(names = "--fabric-key", paramLabel = "PEM", description = "The identity's private key")
    Path key;

    @Option(
            names = "--fabric-channel",
            paramLabel = "NAME",
            description = "The channel (default: network.env's, else camelot)")
    String channel;

    @Option(
            names = "--fabric-chaincode",
            paramLabel = "NAME",
            description = "The chaincode's name (default: " + FabricSettings.DEFAULT_CHAINCODE + ")")
    String chaincode;

    private final String defaultIdentity;

    FabricOptions(String defaultIdentity) {
        this.defaultIdentity = defaultIdentity;
        this.identity = defaultIdentity;
    }

    /** Whether any Fabric option is given. */
    boolean given() {
        return env != null
                || !identity.equals(defaultIdentity)
                || Stream.of(peer, tlsCa, mspId, cert, key, channel, chaincode).anyMatch(o -> o != null);
    }

    /** The settings: network.env's, overridden by the explicit options; a usage error if one is missing. */
    FabricSettings settings() {
        FabricSettings base = null;
        if (env != null) {
            try {
                base = FabricSettings.fromNetworkEnv(env, identity);
            } catch (IOException e) {
                throw UserError.usage("cannot read --fabric-env " + env + ": " + reason(e), e);
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--fabric-env: " + e.getMessage(), e);
            }
        } else if (!identity.equals(defaultIdentity)) {
            throw UserError.usage("--fabric-identity needs --fabric-env");
        }
        return new FabricSettings(
                required("--fabric-peer", peer, base == null ? null : base.peerEndpoint()),
                required("--fabric-tls-ca", tlsCa, base == null ? null : base.peerTlsCa()),
                required("--fabric-msp-id", mspId, base == null ? null : base.mspId()),
                required("--fabric-cert", cert, base == null ? null : base.certificate()),
                required("--fabric-key", key, base == null ? null : base.privateKey()),
                channel != null ? channel : base == null ? "camelot" : base.channel(),
                chaincode != null ? chaincode : FabricSettings.DEFAULT_CHAINCODE);
    }

    /** An unreadable file, in one line. */
    static String reason(IOException e) {
        return e instanceof NoSuchFileException missing ? "no such file " + missing.getFile() : e.getMessage();
    }

    private static <T> T required(String option, T given, T fromEnv) {
        if (given != null) {
            return given;
        }
        if (fromEnv == null) {
            throw UserError.usage("Fabric needs " + option + " (or --fabric-env)");
        }
        return fromEnv;
    }
}
