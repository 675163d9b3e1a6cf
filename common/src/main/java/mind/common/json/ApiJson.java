package mind.common.json;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import mind.common.time.ApiTime;

/**
 * JSON conventions of every service: {@link Instant}s are written as {@code YYYY-MM-DD HH:mm:ss} UTC
 * and read from any form {@link ApiTime#parse} accepts; unknown properties are ignored because
 * enneo clients send more than each endpoint reads; a float where an integer belongs is refused.
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
        mapper.registerModule(new SimpleModule("mind-time")
                .addSerializer(Instant.class, new EnneoInstantSerializer())
                .addDeserializer(Instant.class, new FlexibleInstantDeserializer()));
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

    /** Writes unix seconds, for history items. */
    public static final class UnixInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(value.getEpochSecond());
        }
    }

    /** Reads unix seconds (number or digits), {@code YYYY-MM-DD HH:mm:ss} (UTC) or ISO-8601. */
    public static final class FlexibleInstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochSecond(p.getLongValue());
            }
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText();
                if (text.isBlank()) {
                    return null;
                }
                try {
                    return ApiTime.parse(text);
                } catch (IllegalArgumentException e) {
                    throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, e.getMessage(), text, Instant.class);
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }
}
