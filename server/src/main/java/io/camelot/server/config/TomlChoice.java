package io.camelot.server.config;

import java.util.Arrays;
import java.util.List;

/**
 * A closed choice of the configuration file: an enum constant with its exact TOML spelling, which
 * Jackson writes ({@code @JsonValue} on {@link #toml()}) and reads back ({@code @JsonCreator}
 * calling {@link #parse}).
 */
public interface TomlChoice {
    /** The value as written in the file. */
    String toml();

    /**
     * @throws IllegalArgumentException "must be "a" or "b", not "c"": load puts the section and key
     *     in front
     */
    static <E extends Enum<E> & TomlChoice> E parse(Class<E> type, String toml) {
        for (E choice : type.getEnumConstants()) {
            if (choice.toml().equals(toml)) {
                return choice;
            }
        }
        List<String> quoted = Arrays.stream(type.getEnumConstants())
                .map(c -> "\"" + c.toml() + "\"")
                .toList();
        throw new IllegalArgumentException("must be "
                + String.join(", ", quoted.subList(0, quoted.size() - 1))
                + " or "
                + quoted.getLast()
                + ", not \""
                + toml
                + "\"");
    }
}
