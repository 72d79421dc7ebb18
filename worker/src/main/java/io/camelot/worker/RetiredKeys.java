package io.camelot.worker;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Encryption keys retired by key rotation, as singleton workers and pools treat them: a work order
 * names the key it is sealed to ({@code workerEncryptionKey}); one naming a retired key is admitted
 * for a grace period and opened for an hour more (it may wait in the queue), then answered with
 * code 2 and {@code data.reason = "encryption-key-retired"}, on which the Camelot SDK retrieves the
 * worker again and resubmits.
 */
public final class RetiredKeys {
    /** {@code data.reason} of the work order error for a request sealed to a retired key. */
    public static final String REASON = "encryption-key-retired";

    /** How long after the grace period a retired key still opens work orders admitted before it. */
    public static final Duration QUEUE_ALLOWANCE = Duration.ofHours(1);

    /** A singleton worker's grace period: work orders sealed to its previous key are admitted this long. */
    public static final Duration SINGLETON_GRACE = Duration.ofMinutes(5);

    private RetiredKeys() {}

    /** The work order error for a request sealed to an encryption key retired beyond its grace. */
    public static EeaException error(String workOrderId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("workOrderId", workOrderId);
        data.put("reason", REASON);
        return new EeaException(
                WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code(),
                "Work order is encrypted to a worker encryption key retired by key rotation; retrieve the worker"
                        + " again and resubmit with its current encryptionKey",
                data);
    }

    /** The PEM of the key the request says it is sealed to; empty if it names none readable. */
    public static String namedKey(WorkOrderSubmitParams params) {
        try {
            return new String(Hex.decode(Params.stripHexPrefix(params.workerEncryptionKey())), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
