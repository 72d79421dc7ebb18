package io.camelot.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.camelot.listener.ListenerConfig;
import io.camelot.server.config.AdminSection;
import io.camelot.server.config.ClusterSection;
import io.camelot.server.config.CryptoSection;
import io.camelot.server.config.ListenerSection;
import io.camelot.server.config.LoggingSection;
import io.camelot.server.config.PoolSection;
import io.camelot.server.config.QueueSection;
import io.camelot.server.config.SecuritySection;
import io.camelot.server.config.StoreSection;
import io.camelot.server.config.TomlChoice;
import io.camelot.server.config.WorkerSection;
import io.camelot.server.config.WorkloadsSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code camelot serve} configuration, read from an optional TOML file; every key has a
 * default, so a missing file or section means "embedded defaults". Command-line options override
 * the file. Each section checks its own values when it is built, and this record the settings that
 * span sections, so a configuration built in code is refused exactly like the same file.
 */
public record CamelotConfig(
        ListenerSection listener,
        StoreSection store,
        QueueSection queue,
        WorkerSection worker,
        CryptoSection crypto,
        WorkloadsSection workloads,
        PoolSection pool,
        ClusterSection cluster,
        SecuritySection security,
        AdminSection admin,
        LoggingSection logging) {
    public CamelotConfig {
        // Here, not only at load: --host on the command line may move the listener off loopback.
        if (listener.operatorMethods() && security.operatorKeys().isEmpty() && !loopback(listener.host())) {
            throw new IllegalArgumentException(
                    "[listener] operator_methods = true without [security] operator_keys is allowed only on a listener bound to"
                            + " loopback (host = \"127.0.0.1\", \"::1\" or \"localhost\"), not \""
                            + listener.host()
                            + "\": set operator_keys (camelot operator keygen) so operator calls are signed");
        }
    }

    public static CamelotConfig defaults() {
        return new CamelotConfig(
                ListenerSection.defaults(),
                StoreSection.defaults(),
                QueueSection.defaults(),
                WorkerSection.defaults(),
                CryptoSection.defaults(),
                WorkloadsSection.defaults(),
                PoolSection.defaults(),
                ClusterSection.defaults(),
                SecuritySection.defaults(),
                AdminSection.defaults(),
                LoggingSection.defaults());
    }

    /**
     * A configuration built in code (bench, tests, embedding): the defaults without the admin port.
     */
    public static Builder embedded() {
        return defaults().toBuilder().admin(AdminSection.disabled());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The listener module's settings with their security (TLS, operator keys, rate and size limits,
     * notify hosts).
     */
    public ListenerConfig listenerConfig(Path dataDir, Clock clock) {
        return listener.toSettings(security.toSettings(dataDir, listener.host(), listener.allowedNotifyHosts(), clock));
    }

    // As written in the configuration: no name is resolved. Operator access without operator keys
    // trusts callers by their loopback address, and behind a same-host proxy or sidecar every caller
    // has one (review L2): only a listener bound to loopback may do that.
    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /**
     * Reads a TOML file over the defaults: keys it names replace the default, others keep it.
     *
     * @throws UserError naming the file and, where it can, the line, section and key at fault
     */
    public static CamelotConfig load(Path file) {
        // No coercion: port = "20020" or host = 5 is a mistake to report, not to guess at.
        TomlMapper mapper = TomlMapper.builder()
                .addModule(TomlChoice.jacksonModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw UserError.usage("configuration file " + file + " does not exist", e);
        } catch (IOException e) {
            throw UserError.usage("cannot read configuration file " + file + ": " + WireLogFile.reason(e), e);
        }
        List<String> lines = text.lines().toList();
        ObjectNode merged = mapper.valueToTree(defaults());
        JsonNode given;
        try {
            given = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw UserError.usage(
                    "invalid configuration "
                            + file
                            + ": "
                            + (at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ": " : "")
                            + e.getOriginalMessage(),
                    e);
        }
        for (Map.Entry<String, JsonNode> section : given.properties()) {
            if (!(merged.get(section.getKey()) instanceof ObjectNode target)
                    || !section.getValue().isObject()) {
                String known =
                        merged.properties().stream().map(Map.Entry::getKey).collect(Collectors.joining(", "));
                throw UserError.usage("invalid configuration "
                        + file
                        + ": "
                        + at(lines, section.getKey(), null)
                        + "unknown section ["
                        + section.getKey()
                        + "]; known sections: "
                        + known);
            }
            target.setAll((ObjectNode) section.getValue());
        }
        try {
            return mapper.treeToValue(merged, CamelotConfig.class);
        } catch (JsonProcessingException e) {
            throw UserError.usage("invalid configuration " + file + ": " + mappingProblem(e, lines, given), e);
        }
    }

    private static final Pattern NAMED_SETTING = Pattern.compile("\\[(\\w+)\\] (\\w+)");

    /**
     * Jackson's binding error as "line N: [section] key: what is wrong". The file is bound as a tree
     * merged over the defaults, which has no lines, so the line is looked up by section and key.
     */
    private static String mappingProblem(JsonProcessingException e, List<String> lines, JsonNode given) {
        IllegalArgumentException refused = refusal(e);
        if (refused != null && refused.getMessage().startsWith("[")) {
            // A record refused a value; its message starts "[section] key": point at the line that sets
            // it.
            Matcher named = NAMED_SETTING.matcher(refused.getMessage());
            return (named.lookingAt() ? at(lines, named.group(1), named.group(2)) : "") + refused.getMessage();
        }
        List<JsonMappingException.Reference> path =
                e instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
        if (path.isEmpty()) {
            return e.getOriginalMessage();
        }
        String section = path.getFirst().getFieldName();
        StringBuilder key = new StringBuilder();
        JsonNode value = given.path(section);
        for (JsonMappingException.Reference step : path.subList(1, path.size())) {
            if (step.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
                value = value.path(step.getFieldName());
            } else {
                key.append('[').append(step.getIndex()).append(']');
                value = value.path(step.getIndex());
            }
        }
        if (refused != null) {
            // A closed choice refused its value: "must be ..." after the setting, its list index left
            // out.
            String setting = key.toString().replaceAll("\\[\\d+\\]", "");
            return at(lines, section, setting) + "[" + section + "] " + setting + " " + refused.getMessage();
        }
        String problem = switch (e) {
            case UnrecognizedPropertyException unknown ->
                "unknown key; known keys: "
                        + String.join(
                                ", ",
                                unknown.getKnownPropertyIds().stream()
                                        .map(String::valueOf)
                                        .sorted()
                                        .toList());
            case MismatchedInputException mismatch
            when mismatch.getTargetType() != null ->
                "expected " + typeName(mismatch.getTargetType()) + (value.isMissingNode() ? "" : ", not " + value);
            default -> e.getOriginalMessage();
        };
        String name = key.toString();
        return at(lines, section, name.isEmpty() ? null : name) + "[" + section + "] " + name + ": " + problem;
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || TomlChoice.class.isAssignableFrom(type)) {
            return "a string";
        }
        return List.class.isAssignableFrom(type) ? "an array" : "a table";
    }

    /** "line N: " where [section] (or its key, if not null) is set, "" if not found. */
    private static String at(List<String> lines, String section, String key) {
        String current = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("[")) {
                current = line.replaceAll("^\\[+\\s*|\\s*\\].*$", "");
                if (key == null && current.equals(section)) {
                    return "line " + (i + 1) + ": ";
                }
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals > 0 ? line.substring(0, equals).strip().replace("\"", "") : "";
            if (key != null
                    && (current.equals(section) && name.equals(key)
                            || current.isEmpty() && name.equals(section + "." + key))) {
                return "line " + (i + 1) + ": ";
            }
        }
        return "";
    }

    /** The value a record or a closed choice refused, null for any other binding error. */
    private static IllegalArgumentException refusal(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException refused) {
                return refused;
            }
        }
        return null;
    }

    public static final class Builder {
        private ListenerSection listener;
        private StoreSection store;
        private QueueSection queue;
        private WorkerSection worker;
        private CryptoSection crypto;
        private WorkloadsSection workloads;
        private PoolSection pool;
        private ClusterSection cluster;
        private SecuritySection security;
        private AdminSection admin;
        private LoggingSection logging;

        private Builder(CamelotConfig from) {
            listener = from.listener;
            store = from.store;
            queue = from.queue;
            worker = from.worker;
            crypto = from.crypto;
            workloads = from.workloads;
            pool = from.pool;
            cluster = from.cluster;
            security = from.security;
            admin = from.admin;
            logging = from.logging;
        }

        public Builder listener(ListenerSection value) {
            listener = value;
            return this;
        }

        public Builder store(StoreSection value) {
            store = value;
            return this;
        }

        public Builder queue(QueueSection value) {
            queue = value;
            return this;
        }

        public Builder worker(WorkerSection value) {
            worker = value;
            return this;
        }

        public Builder crypto(CryptoSection value) {
            crypto = value;
            return this;
        }

        public Builder workloads(WorkloadsSection value) {
            workloads = value;
            return this;
        }

        public Builder pool(PoolSection value) {
            pool = value;
            return this;
        }

        public Builder cluster(ClusterSection value) {
            cluster = value;
            return this;
        }

        public Builder security(SecuritySection value) {
            security = value;
            return this;
        }

        public Builder admin(AdminSection value) {
            admin = value;
            return this;
        }

        public Builder logging(LoggingSection value) {
            logging = value;
            return this;
        }

        public CamelotConfig build() {
            return new CamelotConfig(
                    listener, store, queue, worker, crypto, workloads, pool, cluster, security, admin, logging);
        }
    }
}
