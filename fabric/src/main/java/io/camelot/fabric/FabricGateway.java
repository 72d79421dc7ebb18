package io.camelot.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A Gateway connection to the peer in {@link FabricSettings}: a TLS gRPC channel, the client's X.509
 * identity and its signer. Every call has a deadline, so a silent peer fails a call instead of hanging
 * it. Closing closes the Gateway and the channel.
 */
public final class FabricGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Runs a chaincode function on the peer without ordering it; its JSON result ({} for none). */
    public JsonNode evaluate(String function, List<String> args) throws GatewayException {
        return json(function, contract().evaluateTransaction(function, args.toArray(String[]::new)));
    }

    /**
     * Endorses, orders and waits for the commit of a chaincode function.
     *
     * @throws NotCommittedException when the peer committed the transaction as invalid (an MVCC
     *     conflict, an endorsement policy failure); trying again may succeed
     */
    public Committed submit(String function, List<String> args) throws GatewayException, NotCommittedException {
        SubmittedTransaction transaction = contract()
                .newProposal(function)
                .addArguments(args.toArray(String[]::new))
                .build()
                .endorse()
                .submitAsync();
        Status status = transaction.getStatus();
        if (!status.isSuccessful()) {
            throw new NotCommittedException(function, status);
        }
        return new Committed(
                json(function, transaction.getResult()), status.getTransactionId(), status.getBlockNumber());
    }

    /** A committed transaction's JSON result ({} for none) and where it is. */
    public record Committed(JsonNode result, String transactionId, long blockNumber) {}

    /** A transaction the peer committed as invalid, with Fabric's validation code. */
    public static final class NotCommittedException extends Exception {
        private static final long serialVersionUID = 1L;

        NotCommittedException(String function, Status status) {
            super(function + " transaction " + status.getTransactionId() + " was not committed: " + status.getCode());
        }
    }

    /**
     * A chaincode answer or event payload as JSON; {} for none.
     *
     * @throws UncheckedIOException when it is no JSON
     */
    static JsonNode json(String what, byte[] result) {
        try {
            return result.length == 0 ? JSON.createObjectNode() : JSON.readTree(result);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is no JSON", e);
        }
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
