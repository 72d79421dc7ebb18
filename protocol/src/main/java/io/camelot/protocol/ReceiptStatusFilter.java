package io.camelot.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.model.ReceiptLookUpParams;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The receipt status a lookup filters on, parsed once from a number or from hex text as Avalon's
 * schema defines it (design review 9), so a lookup never parses (or fails on) the text again.
 */
public final class ReceiptStatusFilter {
    private static final ReceiptStatusFilter ANY = new ReceiptStatusFilter(OptionalLong.empty());

    private final OptionalLong status;

    private ReceiptStatusFilter(OptionalLong status) {
        this.status = status;
    }

    /**
     * The filter of a lookup, from {@code receiptStatus} when sent, else {@code requestCreateStatus};
     * both are checked.
     *
     * @throws EeaException code 2 naming the field that is neither an integer nor hex text
     */
    public static ReceiptStatusFilter of(ReceiptLookUpParams lookUp) {
        ReceiptStatusFilter receiptStatus = parse("receiptStatus", lookUp.receiptStatus());
        ReceiptStatusFilter createStatus = parse("requestCreateStatus", lookUp.requestCreateStatus());
        return lookUp.receiptStatus() != null ? receiptStatus : createStatus;
    }

    /**
     * Absent or JSON null filters nothing.
     *
     * @throws EeaException code 2 naming {@code field} unless the node is an integer or hex text
     */
    private static ReceiptStatusFilter parse(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return ANY;
        }
        if (node.isIntegralNumber()) {
            return new ReceiptStatusFilter(OptionalLong.of(node.asLong()));
        }
        String digits = node.isTextual() ? Params.stripHexPrefix(node.asText()) : "";
        // At most 15 hex digits, so the value always fits the long it is parsed into.
        if (!node.isTextual() || !Params.HEX.matcher(node.asText()).matches() || digits.length() > 15) {
            throw EeaException.invalidParameter("Invalid data format for " + field);
        }
        return new ReceiptStatusFilter(OptionalLong.of(Long.parseLong(digits, 16)));
    }

    /** The status filtered on; empty when the lookup does not filter by status. */
    public OptionalLong status() {
        return status;
    }

    /**
     * True iff a receipt whose current status is {@code currentStatus} passes this filter; the status
     * (which costs a read of the receipt's updates) is asked for only when there is a filter.
     */
    public boolean matches(LongSupplier currentStatus) {
        return status.isEmpty() || status.getAsLong() == currentStatus.getAsLong();
    }
}
