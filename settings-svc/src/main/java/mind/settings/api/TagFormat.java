package mind.settings.api;

import java.util.Locale;

import mind.common.error.ApiException;

/**
 * The {@code format} of {@code GET /tag}. Every format carries id, name, fullName, type and
 * visibility; compact adds parent; short adds parent and color; detection adds parent and
 * detectionDetails; medium adds parent, reference, color, properties, complexity, sla, priority,
 * channels and subchannels; full is the whole Tag schema.
 */
public enum TagFormat {
    SHORT, MEDIUM, FULL, COMPACT, DETECTION;

    public static final String CHOICES = "short, medium, full, compact, detection";

    static TagFormat parse(String value) {
        if (value == null || value.isEmpty()) {
            return MEDIUM;
        }
        try {
            TagFormat format = valueOf(value.toUpperCase(Locale.ROOT));
            if (!format.name().toLowerCase(Locale.ROOT).equals(value)) {
                throw new IllegalArgumentException(value);
            }
            return format;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("format", "must be one of [" + CHOICES + "]");
        }
    }
}
