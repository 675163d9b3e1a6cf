package mind.ticket.api;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import mind.ticket.service.Recipients;

/**
 * Reads a recipient field that takes one address as a string or several as an array of strings
 * ({@code "to":"a@example.com"} or {@code "to":["a@example.com"]}). Both go through the service's
 * configured readers (NUL characters refused, list length bounded); anything else is a 400 naming the
 * field.
 */
public final class RecipientsDeserializer extends StdDeserializer<List<String>> {

    public RecipientsDeserializer() {
        super(List.class);
    }

    @Override
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            JavaType list = ctxt.getTypeFactory().constructCollectionType(List.class, String.class);
            return ctxt.readValue(p, list);
        }
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return Recipients.single(ctxt.readValue(p, String.class));
        }
        // a number, boolean or object: refused with the field's name ("must be a string")
        ctxt.handleUnexpectedToken(String.class, p);
        return null;
    }
}
