package io.camelot.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the protocol: strict binding (no silent type coercion, unknown
 * properties and duplicate keys rejected), absent fields stay absent when written.
 */
public final class ProtocolJson {
    private static final ObjectMapper MAPPER = buildMapper();

    private ProtocolJson() {}

    /** The shared, thread-safe mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses JSON text.
     *
     * @throws EeaException code 2 with the parser's reason if the text is not one JSON value
     */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw EeaException.invalidParameter("Empty request body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw EeaException.invalidParameter("Malformed JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            // Leading zero bytes make Jackson guess UTF-16/32 and then fail decoding (found by fuzzing).
            throw EeaException.invalidParameter("Malformed JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses JSON bytes (a stored record, a response body) and binds them to a message record.
     *
     * @throws EeaException code 2 if they are not JSON or not the record
     */
    public static <T> T bind(byte[] json, Class<T> type) {
        return bind(parse(json), type);
    }

    /**
     * Binds a JSON object to a message record.
     *
     * @throws EeaException code 2 naming the offending field
     */
    public static <T> T bind(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw EeaException.invalidParameter("Invalid data format for params: expected a JSON object");
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw EeaException.invalidParameter(
                    "Additional properties are not allowed ('" + e.getPropertyName() + "' was unexpected)");
        } catch (JsonMappingException e) {
            throw EeaException.invalidParameter("Invalid data format for " + fieldPath(e));
        } catch (JsonProcessingException e) {
            throw EeaException.invalidParameter("Invalid data format: " + e.getOriginalMessage());
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String toText(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "params" : path;
    }

    private static ObjectMapper buildMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // Numbers or booleans where the schema wants text are errors, not strings.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
