package io.camelot.server.config;

import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.crypto.CryptoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads a setting that names a requester's public key ({@code [pool] dedicated_requester}, {@code
 * camelot wkm --dedicated-requester}): secp256k1 SubjectPublicKeyInfo PEM text, or the path of a
 * PEM file holding it. Fingerprints are deliberately not accepted: a hex fingerprint could not be
 * told from the requester id these settings held before, and an id must be refused, not reread.
 */
public final class RequesterKeySetting {
    private static final Pattern HEX = Pattern.compile("(0[xX])?[0-9a-fA-F]+");

    private RequesterKeySetting() {}

    /**
     * @param setting how the value was given, for messages
     * @return the key in {@link PoolPolicy#canonicalKey canonical} PEM form, or "" for an empty value
     * @throws IllegalArgumentException naming {@code setting} and what to give instead
     */
    public static String canonicalPem(String setting, String value) {
        String given = value.strip();
        if (given.isEmpty()) {
            return "";
        }
        if (HEX.matcher(given).matches()) {
            // Before M7 this held a requesterId, which anyone can claim; keeping it would keep the hole.
            throw new IllegalArgumentException(
                    setting
                            + " is a requester id (\""
                            + given
                            + "\"), which anyone can claim: give instead the public key the"
                            + " requester signs its work orders with, as secp256k1 SPKI PEM text (-----BEGIN PUBLIC KEY-----) or the"
                            + " path of a PEM file holding it; only work orders signed with that key are served (docs/pools.md)");
        }
        String pem = given.contains("-----BEGIN") ? given : read(setting, given);
        try {
            return PoolPolicy.canonicalKey(pem);
        } catch (CryptoException e) {
            throw new IllegalArgumentException(
                    setting + " is not a secp256k1 public key (SPKI PEM): " + e.getMessage(), e);
        }
    }

    private static String read(String setting, String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException(
                    setting
                            + ": cannot read the requester key file "
                            + path
                            + " (give secp256k1 SPKI PEM text or the path of a PEM file): "
                            + e,
                    e);
        }
    }
}
