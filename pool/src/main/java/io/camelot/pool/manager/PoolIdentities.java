package io.camelot.pool.manager;

import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolPeers;
import io.camelot.pool.PoolRole;
import io.camelot.security.ClientTls;
import io.camelot.security.DevCertificates;
import io.camelot.security.PemFiles;
import io.camelot.security.RequestSigner;
import io.camelot.security.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signing identities of a pool on one machine ({@code serve --pool}): a P-256 key for each WKM
 * and each WP slot, one for this process (the Worker Manager, which is also the dispatcher's
 * client), and {@value #PEERS_FILE}, the public keys of them all, each with its role ({@link
 * PoolPeers}), which every member admits per role: only WPs may register WPs, only the manager may
 * move or rotate the pool keys. On one machine they are generated afresh at each start, private
 * keys owner-only, so the user configures nothing; pools spread over hosts or pods use a set the
 * operator provisioned.
 */
public final class PoolIdentities {
    public static final String PEERS_FILE = "pool-peers.pem";

    /** The member name of this process's own key. */
    public static final String MANAGER = "manager";

    /** The member whose key every WP started on demand (elastic pools) signs with. */
    public static final String ELASTIC_WP = "wp-elastic";

    /** The pool CA's certificate ({@code camelot operator pool-keys --tls}), which every member trusts. */
    public static final String POOL_CA_FILE = "pool-ca.pem";

    /**
     * The DNS name every WP certificate from the pool CA lists, and the one the dispatcher requires
     * of a WP, which it reaches at the address the WP registered (a pod IP no certificate lists).
     */
    public static final String WP_TLS_NAME = "camelot-wp";

    private static final String TLS_CERTIFICATE = "tls-cert.pem";
    private static final String TLS_KEY = "tls-key.pem";

    /** HTTPS on the pool links: none, one development certificate for all, or one per member from a pool CA. */
    private enum Tls {
        OFF,
        SHARED,
        POOL_CA
    }

    private final Path directory;
    private final KeyPair manager;
    private final PoolPeers peers;
    private final Tls tls;

    private PoolIdentities(Path directory, KeyPair manager, PoolPeers peers, Tls tls) {
        this.directory = directory;
        this.manager = manager;
        this.peers = peers;
        this.tls = tls;
    }

    /**
     * The same identities with HTTPS on every pool link: a self-signed DEVELOPMENT certificate for
     * {@code hostNames} (and loopback), generated afresh here, which every member serves and trusts.
     */
    public PoolIdentities withDevelopmentTls(List<String> hostNames) {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        names.addAll(hostNames);
        DevCertificates.selfSigned(
                        "Camelot pool links (DEVELOPMENT ONLY)",
                        names.stream().distinct().toList())
                .write(directory.resolve(TLS_CERTIFICATE), directory.resolve(TLS_KEY));
        return new PoolIdentities(directory, manager, peers, Tls.SHARED);
    }

    /**
     * Issues a pool CA and, for each member named, a server certificate signed by it for its DNS
     * names, written beside the signing keys: {@value #POOL_CA_FILE}, {@code <member>-tls-cert.pem}
     * and (owner-only) {@code <member>-tls-key.pem}. The CA's private key is never written: adding
     * a member later means issuing the whole set again.
     *
     * @param dnsNames per member ({@link #MANAGER} included), the names its certificate lists
     * @param wpMembers the WPs among them: only their certificates also name {@value #WP_TLS_NAME}
     */
    public PoolIdentities issueTls(Map<String, List<String>> dnsNames, List<String> wpMembers) {
        DevCertificates.Issued ca = DevCertificates.certificateAuthority("Camelot pool CA");
        PemFiles.write(directory.resolve(POOL_CA_FILE), PemFiles.toPem(ca.certificate()));
        dnsNames.forEach((member, names) -> {
            keyFile(member);
            if (names.contains(WP_TLS_NAME)) {
                throw new IllegalArgumentException(WP_TLS_NAME + " is the name of WP certificates only");
            }
            List<String> listed = new ArrayList<>(names);
            if (wpMembers.contains(member)) {
                listed.add(WP_TLS_NAME);
            }
            DevCertificates.server(ca, member, listed)
                    .write(
                            directory.resolve(tlsCertificateFileName(member)),
                            directory.resolve(tlsKeyFileName(member)));
        });
        return withPoolCaTls();
    }

    /** The same identities with HTTPS on every pool link, from the certificates {@link #issueTls} made. */
    public PoolIdentities withPoolCaTls() {
        for (String file : List.of(POOL_CA_FILE, tlsCertificateFileName(MANAGER), tlsKeyFileName(MANAGER))) {
            if (!Files.isRegularFile(directory.resolve(file))) {
                throw new IllegalArgumentException("[pool] tls = \"on\" needs "
                        + file
                        + " in "
                        + directory
                        + " (create it with: camelot operator pool-keys --tls ...)");
            }
        }
        return new PoolIdentities(directory, manager, peers, Tls.POOL_CA);
    }

    /**
     * The files a child signs as {@code member} with, and serves and calls over this TLS with, if
     * any.
     */
    public PeerFiles peerFiles(String member) {
        Path key = keyFile(member);
        return switch (tls) {
            case OFF -> PeerFiles.plain(key, peersFile());
            case POOL_CA -> fileNames(member, true).in(directory);
            case SHARED -> {
                Path certificate = directory.resolve(TLS_CERTIFICATE);
                yield new PeerFiles(key, peersFile(), certificate, directory.resolve(TLS_KEY), certificate);
            }
        };
    }

    /**
     * The names of a member's files in an operator's set (as a pod mounts them): its signing key,
     * the peer list and, with {@code tls}, its certificate, its TLS key and the pool CA.
     */
    public static PeerFiles fileNames(String member, boolean tls) {
        Path key = Path.of(keyFileName(member));
        Path peers = Path.of(PEERS_FILE);
        return tls
                ? new PeerFiles(
                        key,
                        peers,
                        Path.of(tlsCertificateFileName(member)),
                        Path.of(tlsKeyFileName(member)),
                        Path.of(POOL_CA_FILE))
                : PeerFiles.plain(key, peers);
    }

    public static String tlsCertificateFileName(String member) {
        return member + "-tls-cert.pem";
    }

    public static String tlsKeyFileName(String member) {
        return member + "-tls-key.pem";
    }

    /**
     * Keys for {@code wkm-0..}, {@code wp-0..}, {@link #ELASTIC_WP} when WPs are started on demand,
     * and the manager, written to {@code directory}.
     */
    public static PoolIdentities generate(Path directory, int keyManagers, int processors, boolean elastic) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < keyManagers; i++) {
            members.add("wkm-" + i);
        }
        List<String> wps = new ArrayList<>();
        for (int j = 0; j < processors; j++) {
            wps.add("wp-" + j);
        }
        if (elastic) {
            wps.add(ELASTIC_WP);
        }
        return generate(directory, members, wps);
    }

    /**
     * Keys for the manager, the named {@code members} and the WPs {@code wpMembers}, written to
     * {@code directory} with the peers files: what an operator provisions for pool processes on
     * several hosts or pods.
     */
    public static PoolIdentities generate(Path directory, List<String> members, List<String> wpMembers) {
        try {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        KeyPair manager = RequestSigner.newKeyPair();
        Map<PublicKey, PoolRole> peers = new LinkedHashMap<>();
        peers.put(write(directory, MANAGER, manager), PoolRole.MANAGER);
        List<String> all = new ArrayList<>(members);
        all.addAll(wpMembers);
        for (String member : all) {
            if (member.equals(MANAGER) || !member.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(
                        "pool member names are letters, digits, '.', '_' and '-', other than "
                                + MANAGER
                                + "; got '"
                                + member
                                + "'");
            }
            PublicKey key = write(directory, member, RequestSigner.newKeyPair());
            peers.put(key, wpMembers.contains(member) ? PoolRole.WP : PoolRole.WKM);
        }
        PoolPeers listed = PoolPeers.of(peers);
        PemFiles.write(directory.resolve(PEERS_FILE), listed.toPem());
        return new PoolIdentities(directory, manager, listed, Tls.OFF);
    }

    /**
     * Identities an operator provisioned with {@link #generate(Path, List)}: the manager's key and
     * the peers file.
     */
    public static PoolIdentities load(Path directory) {
        Path managerKey = directory.resolve(keyFileName(MANAGER));
        Path peers = directory.resolve(PEERS_FILE);
        if (!Files.isRegularFile(managerKey) || !Files.isRegularFile(peers)) {
            throw new IllegalArgumentException("[pool] keys_dir "
                    + directory
                    + " needs "
                    + managerKey.getFileName()
                    + " and "
                    + PEERS_FILE
                    + " (create them with: camelot operator pool-keys --dir "
                    + directory
                    + " --member ... --wp ...)");
        }
        return new PoolIdentities(directory, PemFiles.readKeyPair(managerKey), PoolPeers.read(peers), Tls.OFF);
    }

    private static PublicKey write(Path directory, String member, KeyPair keys) {
        PemFiles.writeSecret(directory.resolve(keyFileName(member)), PemFiles.toPkcs8Pem(keys.getPrivate()));
        return keys.getPublic();
    }

    /**
     * The private key file of a member ({@code wkm-0}, {@code wp-1}, {@link #MANAGER}).
     *
     * @throws IllegalArgumentException if the set has no key for it (an operator's set lacks a
     *     member)
     */
    public Path keyFile(String member) {
        Path file = directory.resolve(keyFileName(member));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the pool keys in "
                    + directory
                    + " have no key for member "
                    + member
                    + "; provision it with: camelot operator pool-keys --member "
                    + member
                    + " ...");
        }
        return file;
    }

    public static String keyFileName(String member) {
        return member + "-key.pem";
    }

    public Path peersFile() {
        return directory.resolve(PEERS_FILE);
    }

    /** This process's part: its own key, admitting every member of the pool by its role. */
    public PeerSecurity managerSecurity(Clock clock) {
        if (tls == Tls.OFF) {
            return new PeerSecurity(manager, peers, null, null, clock);
        }
        PeerFiles files = peerFiles(MANAGER);
        return new PeerSecurity(
                manager,
                peers,
                new ServerTls(files.tlsCert(), files.tlsKey(), null),
                ClientTls.trusting(files.tlsTrust()),
                clock);
    }
}
