package io.camelot.pool;

import io.camelot.security.PemFiles;
import io.camelot.security.SignedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operator's list of pool members: each listed public key with its {@link PoolRole}. In the
 * peers file every {@code PUBLIC KEY} block follows a {@code role: manager|wkm|wp} line (PEM
 * explanatory text, which PEM readers skip); a key without one is refused, so a list made before
 * roles existed cannot silently grant a role.
 */
public final class PoolPeers {
    private static final String ROLE = "role: ";

    private final Map<PublicKey, PoolRole> roles;
    private final Map<String, PoolRole> byKeyId;

    private PoolPeers(Map<PublicKey, PoolRole> roles) {
        this.roles = new LinkedHashMap<>(roles);
        this.byKeyId = roles.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> SignedRequests.keyId(e.getKey()), Map.Entry::getValue));
    }

    /** These keys in these roles, in the map's order. */
    public static PoolPeers of(Map<PublicKey, PoolRole> roles) {
        return new PoolPeers(roles);
    }

    /**
     * @throws IllegalArgumentException if a key has no role line, or the role is unknown
     */
    public static PoolPeers read(Path file) {
        List<PublicKey> keys = PemFiles.readPublicKeys(file);
        List<PoolRole> labels = new ArrayList<>();
        String role = null;
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(ROLE)) {
                    role = line.substring(ROLE.length()).strip();
                } else if (line.startsWith("-----BEGIN")) {
                    labels.add(role(file, role));
                    role = null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<PublicKey, PoolRole> roles = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            roles.put(keys.get(i), labels.get(i));
        }
        return new PoolPeers(roles);
    }

    private static PoolRole role(Path file, String label) {
        if (label == null) {
            throw new IllegalArgumentException(file
                    + " lists a key without a 'role: manager|wkm|wp' line before it (a list made before pool"
                    + " roles existed): make the keys again with camelot operator pool-keys");
        }
        return PoolRole.ofLabel(label)
                .orElseThrow(() -> new IllegalArgumentException(
                        file + " names the unknown pool role '" + label + "' (manager, wkm or wp)"));
    }

    /** The peers file's text: each key's role line, then its PEM block. */
    public String toPem() {
        StringBuilder text = new StringBuilder();
        roles.forEach((key, role) ->
                text.append(ROLE).append(role.label()).append('\n').append(PemFiles.toPem(key)));
        return text.toString();
    }

    public List<PublicKey> keys() {
        return List.copyOf(roles.keySet());
    }

    /** The role of the key with this id ({@code SignedRequests.keyId}), if it is listed. */
    public Optional<PoolRole> roleOf(String keyId) {
        return Optional.ofNullable(keyId).map(byKeyId::get);
    }
}
