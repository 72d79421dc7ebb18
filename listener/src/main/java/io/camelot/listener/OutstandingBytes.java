package io.camelot.listener;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Raw request bytes of the work orders a listener admitted that have not completed yet, per remote
 * address and per {@code requesterId} (security review H5). Under the queue's global cap ({@code
 * [queue] max_outstanding_bytes}) one address or one requesterId could otherwise hold all the room
 * for outstanding work; here each has its own budget, and a requester cannot escape its budget by
 * changing address, nor an address by inventing requester ids. An address or requester holding
 * nothing is admitted whatever the size (the body limit bounds it), as under the global cap. Counts
 * are per listener and start at zero after a restart.
 */
public final class OutstandingBytes {
    private final long perAddress;
    private final long perRequester;
    // Keys holding nothing are removed, so the maps only hold those with work outstanding.
    private final Map<String, Long> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Long> byRequester = new ConcurrentHashMap<>();

    /**
     * @param perAddress bytes one remote address may have outstanding
     * @param perRequester bytes one requesterId may have outstanding
     */
    public OutstandingBytes(long perAddress, long perRequester) {
        if (perAddress < 1 || perRequester < 1) {
            throw new IllegalArgumentException("outstanding byte budgets must be positive");
        }
        this.perAddress = perAddress;
        this.perRequester = perRequester;
    }

    /** Bytes held for one work order until it is {@linkplain #release released}. */
    public record Held(String address, String requesterId, long bytes) {}

    /**
     * Holds {@code bytes} against the address and the requester (null: none named), or nothing if
     * either would go over its budget.
     */
    public Optional<Held> hold(String address, String requesterId, long bytes) {
        if (!add(byAddress, address, bytes, perAddress)) {
            return Optional.empty();
        }
        if (requesterId != null && !add(byRequester, requesterId, bytes, perRequester)) {
            subtract(byAddress, address, bytes);
            return Optional.empty();
        }
        return Optional.of(new Held(address, requesterId, bytes));
    }

    /** Gives back what {@link #hold} held, once the work order is no longer outstanding. */
    public void release(Held held) {
        subtract(byAddress, held.address(), held.bytes());
        if (held.requesterId() != null) {
            subtract(byRequester, held.requesterId(), held.bytes());
        }
    }

    private static boolean add(Map<String, Long> held, String key, long bytes, long budget) {
        boolean[] added = {false};
        held.compute(key, (k, current) -> {
            if (current != null && current + bytes > budget) {
                return current;
            }
            added[0] = true;
            return current == null ? bytes : current + bytes;
        });
        return added[0];
    }

    private static void subtract(Map<String, Long> held, String key, long bytes) {
        held.computeIfPresent(key, (k, current) -> current > bytes ? current - bytes : null);
    }
}
