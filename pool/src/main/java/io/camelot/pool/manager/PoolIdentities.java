package io.camelot.pool.manager;

import io.camelot.pool.PeerSecurity;
import io.camelot.security.PemFiles;
import io.camelot.security.RequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The signing identities of a pool on one machine ({@code serve --pool}): a P-256 key for each WKM
 * and each WP slot, one for this process (the Worker Manager, which is also the dispatcher's
 * client), and {@value #PEERS_FILE}, the public keys of them all, which every member admits.
 * Generated afresh at each start, private keys owner-only, so the user configures nothing.
 */
public final class PoolIdentities {
  public static final String PEERS_FILE = "pool-peers.pem";
  /** The member name of this process's own key. */
  public static final String MANAGER = "manager";

  private final Path directory;
  private final KeyPair manager;
  private final List<PublicKey> peers;

  private PoolIdentities(Path directory, KeyPair manager, List<PublicKey> peers) {
    this.directory = directory;
    this.manager = manager;
    this.peers = peers;
  }

  /** Keys for {@code wkm-0..} and {@code wp-0..} and the manager, written to {@code directory}. */
  public static PoolIdentities generate(Path directory, int keyManagers, int processors) {
    try {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
    KeyPair manager = RequestSigner.newKeyPair();
    List<PublicKey> peers = new ArrayList<>(List.of(write(directory, MANAGER, manager)));
    for (int i = 0; i < keyManagers; i++) {
      peers.add(write(directory, "wkm-" + i, RequestSigner.newKeyPair()));
    }
    for (int j = 0; j < processors; j++) {
      peers.add(write(directory, "wp-" + j, RequestSigner.newKeyPair()));
    }
    PemFiles.write(directory.resolve(PEERS_FILE), PemFiles.toPem(peers.toArray()));
    return new PoolIdentities(directory, manager, List.copyOf(peers));
  }

  private static PublicKey write(Path directory, String member, KeyPair keys) {
    PemFiles.writeSecret(directory.resolve(keyFileName(member)), PemFiles.toPkcs8Pem(keys.getPrivate()));
    return keys.getPublic();
  }

  /** The private key file of a member ({@code wkm-0}, {@code wp-1}, {@link #MANAGER}). */
  public Path keyFile(String member) {
    return directory.resolve(keyFileName(member));
  }

  public static String keyFileName(String member) {
    return member + "-key.pem";
  }

  public Path peersFile() {
    return directory.resolve(PEERS_FILE);
  }

  /** This process's part: its own key, admitting every member of the pool. */
  public PeerSecurity managerSecurity(Clock clock) {
    return new PeerSecurity(manager, peers, null, null, clock);
  }
}
