package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An inData or outData item. Every text field is kept exactly as sent: a field that was absent is
 * null and stays absent when written, {@code ""} stays {@code ""}; both hash as {@code ""}.
 *
 * <p>{@code encryptedDataEncryptionKey}: absent, {@code ""} or {@code "null"} mean the session key,
 * {@code "-"} means {@code data} is base64 plaintext, anything else is a per-item data key.
 */
@JsonPropertyOrder({"index", "dataHash", "data", "encryptedDataEncryptionKey", "iv"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataItem(Integer index, String dataHash, String data, String encryptedDataEncryptionKey, String iv) {

    public static final String PLAINTEXT_KEY = "-";

    /** How this item's data is protected. */
    public KeyMode keyMode() {
        if (encryptedDataEncryptionKey == null
                || encryptedDataEncryptionKey.isEmpty()
                || "null".equals(encryptedDataEncryptionKey)) {
            return KeyMode.SESSION_KEY;
        }
        return PLAINTEXT_KEY.equals(encryptedDataEncryptionKey) ? KeyMode.PLAINTEXT : KeyMode.DATA_KEY;
    }

    public enum KeyMode {
        SESSION_KEY,
        PLAINTEXT,
        DATA_KEY
    }
}
