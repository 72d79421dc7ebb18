package io.camelot.pool.manager;

import io.camelot.pool.PeerSecurity;
import io.camelot.security.ClientTls;
import io.camelot.security.ServerTls;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * How a pool process ({@code camelot wkm}, {@code camelot wp}) signs its calls and which callers it
 * serves (docs/SECURITY.md, W1): {@code --signing-key}, {@code --peer-keys} and, for HTTPS links,
 * {@code --tls-cert}, {@code --tls-key} and {@code --tls-trust}.
 *
 * @param tlsCert null: the process serves plain HTTP (and then {@code tlsKey} is null too)
 * @param tlsTrust null: https:// pool members are checked against the JDK's roots
 */
public record PeerFiles(Path signingKey, Path peerKeys, Path tlsCert, Path tlsKey, Path tlsTrust) {
    public PeerFiles {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
    }

    /** Plain HTTP links. */
    public static PeerFiles plain(Path signingKey, Path peerKeys) {
        return new PeerFiles(signingKey, peerKeys, null, null, null);
    }

    /** The same files, by name, in {@code directory} (where a pod mounts them). */
    public PeerFiles in(Path directory) {
        return new PeerFiles(
                directory.resolve(signingKey.getFileName()),
                directory.resolve(peerKeys.getFileName()),
                moved(tlsCert, directory),
                moved(tlsKey, directory),
                moved(tlsTrust, directory));
    }

    private static Path moved(Path file, Path directory) {
        return file == null ? null : directory.resolve(file.getFileName());
    }

    public PeerSecurity security(Clock clock) {
        return PeerSecurity.fromFiles(
                signingKey,
                peerKeys,
                tlsCert == null ? null : new ServerTls(tlsCert, tlsKey, null),
                tlsTrust == null ? null : ClientTls.trusting(tlsTrust),
                clock);
    }

    void addArgs(List<String> args) {
        LaunchArgs.add(args, "--signing-key", signingKey);
        LaunchArgs.add(args, "--peer-keys", peerKeys);
        LaunchArgs.add(args, "--tls-cert", tlsCert);
        LaunchArgs.add(args, "--tls-key", tlsKey);
        LaunchArgs.add(args, "--tls-trust", tlsTrust);
    }
}
