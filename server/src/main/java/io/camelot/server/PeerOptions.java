package io.camelot.server;

import io.camelot.pool.PeerSecurity;
import io.camelot.pool.manager.PeerFiles;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * How a pool process ({@code camelot wkm}, {@code camelot wp}) signs its calls and which callers it
 * serves (docs/SECURITY.md, W1). There is no unsigned mode: {@code serve --pool} generates the keys
 * itself; for processes run by hand, {@code camelot operator pool-keys} makes them with the
 * role-labelled peer list.
 */
final class PeerOptions {
    @Option(
            names = "--signing-key",
            required = true,
            description = "This process's P-256 private key (PEM), which signs its pool-internal calls")
    Path signingKey;

    @Option(
            names = "--peer-keys",
            required = true,
            description = "PEM file of the pool members' public keys, each after a 'role: manager|wkm|wp' line:"
                    + " only calls signed by one of them are served, each method to the roles it names")
    Path peerKeys;

    @Option(names = "--tls-cert", description = "Serve HTTPS with this PEM certificate chain (needs --tls-key)")
    Path tlsCert;

    @Option(names = "--tls-key", description = "The PEM private key of --tls-cert")
    Path tlsKey;

    @Option(names = "--tls-trust", description = "PEM certificate(s) to trust when calling https:// pool members")
    Path tlsTrust;

    PeerFiles files() {
        return new PeerFiles(signingKey, peerKeys, tlsCert, tlsKey, tlsTrust);
    }

    PeerSecurity security(Clock clock) {
        return files().security(clock);
    }
}
