package io.camelot.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.server.config.TomlChoice;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes the reference pages that must never drift from the code: the CLI reference from picocli's
 * own usage text of every (sub)command, and the configuration reference from the {@link
 * CamelotConfig} records and their defaults. {@link ReferenceDocsTest} compares them with the
 * committed files and rewrites them on request.
 */
final class ReferenceDocs {
    static final String CLI_FILE = "docs/cli-reference.md";
    static final String CONFIG_FILE = "docs/config-reference.md";

    /** Defaults computed from the machine, shown as their rule so the page is the same everywhere. */
    private static final Map<String, String> MACHINE_DEFAULTS = Map.of("worker.concurrency", "number of cores");

    private ReferenceDocs() {}

    static String cliReference() {
        StringBuilder out = new StringBuilder();
        out.append("# CLI reference\n\n")
                .append("Generated from the picocli definitions by `ReferenceDocsTest`; do not edit by hand.\n")
                .append("Run any command with `--help` for the same text.\n");
        appendCommand(out, new CommandLine(new CamelotCli()), "camelot");
        return out.toString();
    }

    private static void appendCommand(StringBuilder out, CommandLine command, String path) {
        out.append("\n## `").append(path).append("`\n\n```\n");
        String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        out.append(usage.stripTrailing().replaceAll("[ \\t]+\n", "\n")).append("\n```\n");
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                appendCommand(out, sub.getValue(), path + " " + sub.getKey());
            }
        }
    }

    static String configReference() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("Generated from the section records of `CamelotConfig` (`io.camelot.server.config`), their\n")
                .append(
                        "descriptions and defaults by `ReferenceDocsTest`; do not edit by hand. `docs/configuration.md`\n")
                .append("explains the file and shows an example. Every key is optional: a key left out keeps the\n")
                .append("default below.\n");
        CamelotConfig defaults = CamelotConfig.defaults();
        for (RecordComponent section : CamelotConfig.class.getRecordComponents()) {
            Object sectionDefaults = value(section, defaults);
            out.append("\n## [").append(tomlName(section)).append("]\n\n");
            out.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
            for (RecordComponent key : section.getType().getRecordComponents()) {
                String machineDefault = MACHINE_DEFAULTS.get(tomlName(section) + "." + tomlName(key));
                String defaultValue =
                        machineDefault != null ? machineDefault : "`" + tomlValue(value(key, sectionDefaults)) + "`";
                out.append("| `")
                        .append(tomlName(key))
                        .append("` | ")
                        .append(tomlType(key))
                        .append(" | ")
                        .append(defaultValue)
                        .append(" | ")
                        .append(description(section, key))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static String tomlName(RecordComponent component) {
        // Jackson's annotations do not target record components: javac puts them on the accessor.
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    /**
     * The key's one description; a key without one fails the generation, and so ReferenceDocsTest.
     */
    private static String description(RecordComponent section, RecordComponent key) {
        JsonPropertyDescription description = key.getAccessor().getAnnotation(JsonPropertyDescription.class);
        if (description == null || description.value().isBlank()) {
            throw new IllegalStateException("["
                    + tomlName(section)
                    + "] "
                    + tomlName(key)
                    + " has no @JsonPropertyDescription; describe it in "
                    + section.getType().getSimpleName());
        }
        return description.value().replace("|", "\\|");
    }

    private static String tomlType(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == String.class || TomlChoice.class.isAssignableFrom(type)) {
            return "string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (List.class.isAssignableFrom(type)) {
            return "array";
        }
        return type.getSimpleName();
    }

    private static String tomlValue(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof TomlChoice choice) {
            return "\"" + choice.toml() + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReferenceDocs::tomlValue).toList().toString();
        }
        return String.valueOf(value);
    }
}
