package io.camelot.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives PostgreSQL NOTIFY events on one dedicated connection (outside the pool) and hands each
 * payload to the handlers of its channel. The thread blocks in {@code getNotifications(timeout)}:
 * events arrive as they are committed, with no polling of tables.
 *
 * <p>Events sent while the connection is down are lost, so after every (re)connect the reconnect
 * handlers run: they look at the tables for whatever they may have missed.
 *
 * <p>Camelot's commits announce themselves on three channels, ids as the hex of their UTF-8 bytes.
 */
public final class PostgresNotifications implements AutoCloseable {
    /** A work order was submitted, or one held back may now be claimable; payload: its worker id. */
    public static final String SUBMITTED_CHANNEL = "camelot_submitted";

    /** A work order completed; payload: its id. */
    public static final String COMPLETED_CHANNEL = "camelot_completed";

    /** A receipt was created for a work order; payload: its id. */
    public static final String RECEIPT_CHANNEL = "camelot_receipt";

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    // Only bounds how long close() waits: events wake the thread at once.
    private static final int WAIT_MILLIS = 1_000;
    private static final long MAX_RECONNECT_DELAY_MILLIS = 5_000;

    private final PostgresSettings settings;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectHandlers = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstConnect = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    private PostgresNotifications(PostgresSettings settings, Map<String, Consumer<String>> subscriptions) {
        this.settings = settings;
        subscriptions.forEach((channel, handler) -> handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>())
                .add(handler));
        this.thread = Thread.ofPlatform().name("pg-notifications").daemon().unstarted(this::run);
    }

    /**
     * Subscribes to the given channels and returns once it listens (or after 30 s of trying, still
     * retrying in the background).
     *
     * @param onReconnect run after every reconnect (not the first connect)
     */
    public static PostgresNotifications listen(
            PostgresSettings settings, Map<String, Consumer<String>> subscriptions, Runnable onReconnect) {
        PostgresNotifications notifications = new PostgresNotifications(settings, subscriptions);
        notifications.reconnectHandlers.add(onReconnect);
        notifications.thread.start();
        try {
            if (!notifications.firstConnect.await(30, TimeUnit.SECONDS)) {
                log.warn("Not yet listening for PostgreSQL notifications at {}; still trying", settings.url());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return notifications;
    }

    private void run() {
        long delay = 100;
        boolean reconnecting = false;
        while (running) {
            try (Connection c = DriverManager.getConnection(settings.url(), settings.connectionProperties())) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                delay = 100;
                if (reconnecting) {
                    log.info("Listening for PostgreSQL notifications again");
                    reconnectHandlers.forEach(PostgresNotifications::runSafely);
                }
                firstConnect.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] events = pg.getNotifications(WAIT_MILLIS);
                    if (events != null) {
                        for (PGNotification event : events) {
                            dispatch(event.getName(), event.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("PostgreSQL notification connection lost ({}); reconnecting in {} ms", e.getMessage(), delay);
                reconnecting = true;
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return;
                }
                delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MILLIS);
            }
        }
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            runSafely(() -> handler.accept(payload));
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("A PostgreSQL notification handler failed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                // Wakes the thread out of getNotifications at once.
                c.close();
            } catch (SQLException e) {
                log.debug("Closing the notification connection: {}", e.getMessage());
            }
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
