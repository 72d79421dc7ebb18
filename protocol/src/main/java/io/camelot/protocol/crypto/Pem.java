package io.camelot.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * PEM text as the Avalon peers write it. Decoding tolerates any line width (OpenSSL uses 64,
 * python-ecdsa 76), CRLF and a missing final newline; encoding always produces OpenSSL's 64-column
 * form with a trailing newline.
 */
final class Pem {
    private static final int LINE_WIDTH = 64;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Base64.Encoder ENCODER =
            Base64.getMimeEncoder(LINE_WIDTH, "\n".getBytes(StandardCharsets.US_ASCII));

    /** A decoded block together with the label it was found under. */
    record Block(String label, byte[] der) {}

    private Pem() {}

    /**
     * Decodes the first block carrying one of the accepted labels.
     *
     * @throws CryptoException if there is no such block or its body is not base64
     */
    static Block decode(String text, String... acceptedLabels) {
        int bestStart = -1;
        String bestLabel = null;
        for (String label : acceptedLabels) {
            int start = text.indexOf(beginLine(label));
            if (start >= 0 && (bestStart < 0 || start < bestStart)) {
                bestStart = start;
                bestLabel = label;
            }
        }
        if (bestLabel == null) {
            throw new CryptoException("No PEM block labelled " + String.join(" or ", acceptedLabels));
        }
        int bodyStart = bestStart + beginLine(bestLabel).length();
        int bodyEnd = text.indexOf(endLine(bestLabel), bodyStart);
        if (bodyEnd < 0) {
            throw new CryptoException("PEM block " + bestLabel + " has no END line");
        }
        String body = WHITESPACE.matcher(text.substring(bodyStart, bodyEnd)).replaceAll("");
        if (body.isEmpty()) {
            throw new CryptoException("PEM block " + bestLabel + " is empty");
        }
        try {
            return new Block(bestLabel, Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("PEM block " + bestLabel + " is not valid base64", e);
        }
    }

    /** Encodes DER as a PEM block with 64-column lines and a trailing newline. */
    static String encode(String label, byte[] der) {
        return beginLine(label) + "\n" + ENCODER.encodeToString(der) + "\n" + endLine(label) + "\n";
    }

    private static String beginLine(String label) {
        return "-----BEGIN " + label + "-----";
    }

    private static String endLine(String label) {
        return "-----END " + label + "-----";
    }
}
