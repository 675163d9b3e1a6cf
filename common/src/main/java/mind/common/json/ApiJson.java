package mind.common.json;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import mind.common.time.ApiTime;

/**
 * JSON conventions of every service: {@link Instant}s are written as {@code YYYY-MM-DD HH:mm:ss} UTC
 * and read from any form {@link ApiTime#parse} accepts; unknown properties are ignored because
 * enneo clients send more than each endpoint reads; a float where an integer belongs, a number
 * where an enum name belongs and a NUL character (which PostgreSQL cannot store) are refused.
 */
@Singleton
public class ApiJson implements ObjectMapperCustomizer {

    /** Last, so that these (de)serializers win over the JavaTimeModule that Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // "status": 3 must not silently mean the fourth constant
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.registerModule(new SimpleModule("mind")
                .addSerializer(Instant.class, new EnneoInstantSerializer())
                .addDeserializer(Instant.class, new FlexibleInstantDeserializer())
                .addDeserializer(String.class, new NulFreeStringDeserializer())
                .addDeserializer(JsonNode.class, new NulFreeJsonNodeDeserializer())
                .addKeyDeserializer(String.class, new NulFreeKeyDeserializer()));
    }

    /** Writes {@code YYYY-MM-DD HH:mm:ss} in UTC. */
    public static final class EnneoInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(ApiTime.format(value));
        }
    }

    /** Writes ISO-8601 ({@code 2023-11-07T05:31:56Z}), for the fields enneo documents that way. */
    public static final class IsoInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(ApiTime.formatIso(value));
        }
    }

    /** Reads unix seconds (number or digits), {@code YYYY-MM-DD HH:mm:ss} (UTC) or ISO-8601, years 1 to 9999. */
    public static final class FlexibleInstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return ApiTime.ofEpochSecond(p.getLongValue());
                }
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    String text = p.getText();
                    return text.isBlank() ? null : ApiTime.parse(text);
                }
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), p.getText(), Instant.class);
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }

    private static final String NUL_MESSAGE = "must not contain the NUL character (\\u0000)";

    /** Jackson's string reading, refusing NUL, which no PostgreSQL text column can hold. */
    static final class NulFreeStringDeserializer extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }

    /** Names in maps ({@code Map<String, ?>} fields): Jackson reads them without the string deserializer. */
    static final class NulFreeKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (key.indexOf('\u0000') >= 0) {
                throw ctxt.weirdKeyException(String.class, key, NUL_MESSAGE);
            }
            return key;
        }
    }

    /** Free-form JSON (rawData, settings, data): refused when any name or text inside holds a NUL. */
    static final class NulFreeJsonNodeDeserializer extends JsonDeserializer<JsonNode> {
        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
            if (containsNul(node)) {
                throw InvalidFormatException.from(p, NUL_MESSAGE, null, JsonNode.class);
            }
            return node;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return null;
        }

        private static boolean containsNul(JsonNode node) {
            if (node.isTextual()) {
                return node.textValue().indexOf('\u0000') >= 0;
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getKey().indexOf('\u0000') >= 0 || containsNul(field.getValue())) {
                        return true;
                    }
                }
                return false;
            }
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
            return false;
        }
    }
}
