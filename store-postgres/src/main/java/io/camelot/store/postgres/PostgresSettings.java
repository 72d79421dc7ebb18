package io.camelot.store.postgres;

import java.util.Objects;
import java.util.Properties;

/**
 * Where the shared store lives.
 *
 * @param url a JDBC URL, e.g. {@code jdbc:postgresql://db:5432/camelot}
 * @param poolSize connections this process keeps open (HikariCP maximum pool size)
 */
public record PostgresSettings(String url, String user, String password, int poolSize) {

    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db): " + url);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** Connection properties for a connection outside the pool (the LISTEN connection). */
    Properties connectionProperties() {
        Properties properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    @Override
    public String toString() {
        // Never print the password.
        return "PostgresSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
