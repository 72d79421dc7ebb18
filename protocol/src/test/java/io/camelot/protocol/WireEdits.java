package io.camelot.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** Changes a message as a tamperer on the wire would: on its JSON, which the receiver then binds. */
public final class WireEdits {
    private WireEdits() {}

    /** {@code message} with {@code edit} applied to its JSON form, bound back to its record. */
    public static <T> T edited(T message, Consumer<ObjectNode> edit) {
        ObjectNode json = (ObjectNode) ProtocolJson.toTree(message);
        edit.accept(json);
        @SuppressWarnings("unchecked") // a message record is final: its class is exactly T
        Class<T> type = (Class<T>) message.getClass();
        return ProtocolJson.bind(json, type);
    }
}
