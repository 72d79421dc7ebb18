package io.camelot.attestation;

import io.camelot.protocol.crypto.AesGcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;

/**
 * SIMULATION of a TEE: no hardware is present. "Sealed" data is AES-GCM encrypted under a 32-byte
 * secret in a file readable only by its owner, which protects keys at rest from someone copying the
 * data directory without that file, and from nothing else. Quotes are {@link SimulatedQuote}s
 * signed by a local P-256 simulation key (sealed beside the secret) over a measurement of this
 * build's code: anyone with the files can forge them.
 */
public final class SimulatedTee implements Tee {
    private static final String SECRET_FILE = "sealing-secret.SIMULATED";
    private static final String KEY_FILE = "simulation-key.sealed";
    private static final String KEY_KIND = "simulation-key";

    private final byte[] sealingSecret;
    private final KeyPair simulationKey;
    private final byte[] measurement;
    private final Clock clock;

    private SimulatedTee(byte[] sealingSecret, KeyPair simulationKey, byte[] measurement, Clock clock) {
        this.sealingSecret = sealingSecret;
        this.simulationKey = simulationKey;
        this.measurement = measurement;
        this.clock = clock;
    }

    /**
     * Loads the sealing secret and simulation key from the directory, creating them on first use.
     *
     * @param measurement what quotes report as the measurement, e.g. {@link CodeMeasurement#of}
     */
    public static SimulatedTee open(Path directory, byte[] measurement, Clock clock) {
        byte[] secret = loadSecret(directory);
        SimulatedTee sealer = new SimulatedTee(secret, null, null, clock);
        KeyPair key = loadOrCreateKey(directory.resolve(KEY_FILE), sealer);
        return new SimulatedTee(secret, key, Arrays.copyOf(measurement, measurement.length), clock);
    }

    @Override
    public TeeKind kind() {
        return TeeKind.SIMULATED;
    }

    @Override
    public byte[] seal(String kind, byte[] plaintext) {
        return AesGcm.of(sealingSecret).seal(plaintext, SealedFile.associatedData(kind));
    }

    @Override
    public byte[] unseal(String kind, byte[] sealed) {
        return AesGcm.of(sealingSecret).open(sealed, SealedFile.associatedData(kind));
    }

    @Override
    public byte[] unsealUnbound(byte[] sealed) {
        return AesGcm.of(sealingSecret).open(sealed, null);
    }

    @Override
    public TeeEvidence attest(byte[] reportData) {
        if (reportData.length != ReportDataBinding.LENGTH) {
            throw new IllegalArgumentException("REPORT_DATA must be 64 bytes, got " + reportData.length);
        }
        return new TeeEvidence(
                TeeKind.SIMULATED.proofDataType(),
                SimulatedQuote.create(simulationKey, measurement, reportData, clock.instant()));
    }

    private static byte[] loadSecret(Path directory) {
        Path file = directory.resolve(SECRET_FILE);
        try {
            SealedFile.createDirectories(directory);
            if (!Files.exists(file)) {
                try {
                    SealedFile.createNew(file, AesGcm.newKey());
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it first; use theirs.
                }
            }
            byte[] secret = Files.readAllBytes(file);
            if (secret.length != AesGcm.KEY_BYTES) {
                throw new IllegalStateException(file + " is damaged: expected 32 bytes, found " + secret.length);
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the simulated sealing secret " + file, e);
        }
    }

    private static KeyPair loadOrCreateKey(Path file, SimulatedTee sealer) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            if (Files.exists(file)) {
                byte[] pkcs8 = SealedFile.read(sealer, KEY_KIND, file);
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                byte[] spki = Files.readAllBytes(file.resolveSibling(file.getFileName() + ".pub"));
                return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(spki)), privateKey);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            Files.write(
                    file.resolveSibling(file.getFileName() + ".pub"),
                    key.getPublic().getEncoded());
            SealedFile.write(sealer, KEY_KIND, file, key.getPrivate().getEncoded());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the simulation key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("damaged simulation key " + file, e);
        }
    }
}
