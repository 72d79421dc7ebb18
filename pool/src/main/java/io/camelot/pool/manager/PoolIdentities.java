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

    private static final String TLS_CERTIFICATE = "tls-cert.pem";
    private static final String TLS_KEY = "tls-key.pem";

    private final Path directory;
    private final KeyPair manager;
    private final PoolPeers peers;
    private final boolean tls;

    private PoolIdentities(Path directory, KeyPair manager, PoolPeers peers, boolean tls) {
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
        return new PoolIdentities(directory, manager, peers, true);
    }

    /**
     * The files a child signs as {@code member} with, and serves and calls over this TLS with, if
     * any.
     */
    public PeerFiles peerFiles(String member) {
        if (!tls) {
            return PeerFiles.plain(keyFile(member), peersFile());
        }
        Path certificate = directory.resolve(TLS_CERTIFICATE);
        return new PeerFiles(keyFile(member), peersFile(), certificate, directory.resolve(TLS_KEY), certificate);
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
        return new PoolIdentities(directory, manager, listed, false);
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
        return new PoolIdentities(directory, PemFiles.readKeyPair(managerKey), PoolPeers.read(peers), false);
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
        if (!tls) {
            return new PeerSecurity(manager, peers, null, null, clock);
        }
        Path certificate = directory.resolve(TLS_CERTIFICATE);
        return new PeerSecurity(
                manager,
                peers,
                new ServerTls(certificate, directory.resolve(TLS_KEY), null),
                ClientTls.trusting(certificate),
                clock);
    }
}
