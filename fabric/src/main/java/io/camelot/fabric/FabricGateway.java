package io.camelot.fabric;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A Gateway connection to the peer in {@link FabricSettings}: a TLS gRPC channel, the client's X.509
 * identity and its signer. Every call has a deadline, so a silent peer fails a call instead of hanging
 * it. Closing closes the Gateway and the channel.
 */
public final class FabricGateway implements AutoCloseable {
    private final FabricSettings settings;
    private final ManagedChannel channel;
    private final Gateway gateway;

    private FabricGateway(FabricSettings settings, ManagedChannel channel, Gateway gateway) {
        this.settings = settings;
        this.channel = channel;
        this.gateway = gateway;
    }

    /**
     * Connects as the identity in {@code settings}.
     *
     * @throws IOException if a PEM file cannot be read or holds no certificate or key
     */
    public static FabricGateway connect(FabricSettings settings) throws IOException {
        Gateway.Builder builder;
        try (Reader cert = Files.newBufferedReader(settings.certificate());
                Reader key = Files.newBufferedReader(settings.privateKey())) {
            builder = Gateway.newInstance()
                    .identity(new X509Identity(settings.mspId(), Identities.readX509Certificate(cert)))
                    .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)));
        } catch (CertificateException | InvalidKeyException e) {
            throw new IOException(
                    "unreadable certificate " + settings.certificate() + " or key " + settings.privateKey(), e);
        }
        ManagedChannel channel = Grpc.newChannelBuilder(
                        settings.peerEndpoint(),
                        TlsChannelCredentials.newBuilder()
                                .trustManager(settings.peerTlsCa().toFile())
                                .build())
                .build();
        Gateway gateway = builder.connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(10, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(10, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        return new FabricGateway(settings, channel, gateway);
    }

    public FabricSettings settings() {
        return settings;
    }

    /** The settings' channel. */
    public Network network() {
        return gateway.getNetwork(settings.channel());
    }

    /** The settings' chaincode on its channel. */
    public Contract contract() {
        return network().getContract(settings.chaincode());
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The chaincode's id of this client, as the shim's {@code ClientIdentity.getId()} makes it from the
     * transaction creator's certificate: {@code x509::<subject DN>::<issuer DN>}. The shim parses the
     * certificate with the default "X509" provider and joins the DNs' {@code getName()}: the same calls
     * here give the same text (another provider may format DNs otherwise).
     */
    @SuppressWarnings("deprecation") // getSubjectDN/getIssuerDN: the shim's calls, whose formatting is the id
    public String certificateId() {
        try {
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X509")
                    .generateCertificate(new ByteArrayInputStream(((X509Identity) gateway.getIdentity())
                            .getCertificate()
                            .getEncoded()));
            return "x509::" + parsed.getSubjectDN().getName() + "::"
                    + parsed.getIssuerDN().getName();
        } catch (CertificateException e) {
            throw new IllegalStateException("the certificate the Gateway was opened with no longer parses", e);
        }
    }
}
