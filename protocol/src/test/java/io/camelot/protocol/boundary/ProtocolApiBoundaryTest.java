package io.camelot.protocol.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.Params;
import io.camelot.protocol.ReceiptLookUp;
import io.camelot.protocol.ReceiptStatusFilter;
import io.camelot.protocol.Validated;
import io.camelot.protocol.internal.envelope.RequestOpener;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Enforces the protocol module's API levels (design review 8): {@code io.camelot.protocol.internal}
 * holds what only Camelot's own modules call (the worker's half of the envelope, the caller-IV
 * cipher), and no public signature outside it may hand one of those types out.
 */
class ProtocolApiBoundaryTest {
    private static final String INTERNAL = "io.camelot.protocol.internal.";

    private static boolean notInternal(Class<?> type) {
        return !type.getName().startsWith(INTERNAL);
    }

    @Test
    void publicPackagesExposeNoInternalType() {
        List<Class<?>> api = ApiSurface.of(Params.class).classes().stream()
                .filter(ProtocolApiBoundaryTest::notInternal)
                .toList();

        assertThat(api).hasSizeGreaterThan(40);
        assertThat(ApiSurface.leaks(api, ProtocolApiBoundaryTest::notInternal)).isEmpty();
    }

    /** Design review 9: a method taking these knows its params went through {@link Params}. */
    @Test
    void onlyTheParserMakesValidatedParams() {
        for (Class<?> type : List.of(Validated.class, ReceiptLookUp.class, ReceiptStatusFilter.class)) {
            assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
            assertThat(type.getConstructors()).as(type.getName()).isEmpty();
        }
    }

    @Test
    void theCheckSeesAnInternalTypeInASignature() {
        assertThat(ApiSurface.leaks(List.of(RequestOpener.class), ProtocolApiBoundaryTest::notInternal))
                .map(Object::toString)
                .contains(RequestOpener.class.getName()
                        + ".open exposes io.camelot.protocol.internal.envelope.OpenedRequest");
    }
}
