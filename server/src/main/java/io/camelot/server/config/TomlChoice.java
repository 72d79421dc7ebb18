package io.camelot.server.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A closed choice of the configuration file: an enum constant with its exact TOML spelling, which
 * Jackson writes and reads back through {@link #jacksonModule()}.
 */
public interface TomlChoice {
    /** The constant's name ({@link Enum#name()}). */
    String name();

    /** The value as written in the file: by default the name in lower case, {@code _} as {@code -}. */
    default String toml() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @throws IllegalArgumentException "must be "a" or "b", not "c"": load puts the section and key
     *     in front
     */
    static <E extends TomlChoice> E parse(Class<E> type, String toml) {
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

    /** Writes every choice as its {@link #toml()} and reads it back with {@link #parse}. */
    static Module jacksonModule() {
        SimpleModule module = new SimpleModule("toml-choices");
        module.addSerializer(TomlChoice.class, new StdSerializer<>(TomlChoice.class) {
            @Override
            public void serialize(TomlChoice value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(value.toml());
            }
        });
        module.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findEnumDeserializer(
                    Class<?> type, DeserializationConfig config, BeanDescription description) {
                return TomlChoice.class.isAssignableFrom(type)
                        ? new StdScalarDeserializer<TomlChoice>(type) {
                            @Override
                            public TomlChoice deserialize(JsonParser in, DeserializationContext context)
                                    throws IOException {
                                // A number or boolean is refused by parse, naming the spellings.
                                return in.currentToken().isScalarValue()
                                        ? parse(type.asSubclass(TomlChoice.class), in.getText())
                                        : (TomlChoice) context.handleUnexpectedToken(type, in);
                            }
                        }
                        : null;
            }
        });
        return module;
    }
}
