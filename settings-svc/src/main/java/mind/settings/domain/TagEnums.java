package mind.settings.domain;

/** The enums of enneo's Tag schema, spelled exactly as on the wire. */
public final class TagEnums {

    private TagEnums() {
    }

    public enum TagType {
        skill, product, brand, customerProperty, contractProperty, other
    }

    /** What a tag can be attached to. */
    public enum TagReference {
        ticket, contract, customer
    }

    /**
     * {@code disabled} tags are hidden: left out of lists and 404 on their own unless includeDisabled.
     * {@code public} and {@code private} are Java keywords, hence the trailing underscore; the wire and
     * the database use {@link #wire()}.
     */
    public enum TagVisibility {
        public_, private_, disabled;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().endsWith("_") ? name().substring(0, name().length() - 1) : name();
        }

        /** The wire name, so that error messages list the values a client may send. */
        @Override
        public String toString() {
            return wire();
        }

        public static TagVisibility fromWire(String value) {
            for (TagVisibility v : values()) {
                if (v.wire().equals(value)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown visibility " + value);
        }
    }

    @jakarta.persistence.Converter
    public static class VisibilityConverter implements jakarta.persistence.AttributeConverter<TagVisibility, String> {
        @Override
        public String convertToDatabaseColumn(TagVisibility v) {
            return v == null ? null : v.wire();
        }

        @Override
        public TagVisibility convertToEntityAttribute(String s) {
            return s == null ? null : TagVisibility.fromWire(s);
        }
    }

    public enum TagColor {
        grey, green, red, blue, yellow, purple, orange, teal
    }
}
