package mind.telephony.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link Routing} under its wire name, so the column reads {@code native}, not {@code native_}. */
@Converter
public class RoutingConverter implements AttributeConverter<Routing, String> {

    @Override
    public String convertToDatabaseColumn(Routing routing) {
        return routing == null ? null : routing.wire();
    }

    @Override
    public Routing convertToEntityAttribute(String value) {
        return value == null ? null : Routing.fromWire(value);
    }
}
