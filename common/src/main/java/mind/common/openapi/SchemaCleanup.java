package mind.common.openapi;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Cleans what the generator writes about times and free JSON. Keeps a schema that points to a shared one ({@code $ref}) from also saying something else about the
 * value. The generator writes a property's own {@code @Schema} (type, format, examples, oneOf) next to
 * its {@code $ref}, which OpenAPI 3.1 allows; but tools that resolve references in place (the request
 * validators clients and our contract tests use) then apply those keywords to every other use of the
 * shared schema, so one Instant property documented with an ISO example made every time field of the
 * document an ISO {@code date-time}, and one id-or-slug property made every free JSON field "string or
 * integer". A property that points to a shared schema and may be null is {@code anyOf: [$ref, null]}. Times are {@code YYYY-MM-DD HH:mm:ss} unless a field says ISO-8601 on purpose; a time whose own
 * example is in the first form is not an ISO {@code date-time}. Text enums admit null: the fields that carry
 * them are optional in the answers (a ticket's spamStatus before any check).
 */
final class SchemaCleanup {

    static final String INSTANT = "#/components/schemas/java.time.Instant";
    static final String ANY_JSON = "#/components/schemas/com.fasterxml.jackson.databind.JsonNode";

    private SchemaCleanup() {
    }

    /** The example the generator gives every date-time it writes itself, a plain Instant included. */
    static final String GENERATED_DATE_TIME_EXAMPLE = "2022-03-10T16:15:50Z";

    /** An ISO example of the field's own (the generator's own example does not count). */
    private static boolean isoExample(Schema schema) {
        List<Object> examples = schema.getExamples();
        Object example = examples != null && !examples.isEmpty() ? examples.get(0) : schema.getExample();
        return example instanceof String text && text.contains("T") && !GENERATED_DATE_TIME_EXAMPLE.equals(text);
    }

    static Schema clean(Schema schema) {
        boolean iso = "date-time".equals(schema.getFormat());
        if (iso && schema.getExample() instanceof String example && example.contains(" ")) {
            // an Instant reached through a wrapper (Patch<Instant>): the type's own example and description say
            // YYYY-MM-DD HH:mm:ss, which the date-time format would refuse
            schema.setFormat(null);
            schema.setExamples(null);
            iso = false;
        }
        if (schema.getAnyOf() != null && schema.getAnyOf().stream().anyMatch(s -> INSTANT.equals(s.getRef()))) {
            // a nullable time: the generator writes anyOf [Instant, null] and, beside it, a string type with the
            // date-time format. A field written in ISO-8601 on purpose says so with an ISO example (its own
            // @Schema): its own type and format are the truth. Any other is YYYY-MM-DD HH:mm:ss: the shared
            // Instant schema is, and the date-time format beside it would refuse every value. (Give an ISO field
            // an example of its own.)
            if (iso && isoExample(schema)) {
                schema.setAnyOf(null);
            } else {
                schema.setType(null);
                schema.setFormat(null);
                schema.setExamples(null);
                schema.setExample(null);
            }
            return schema;
        }
        if (schema.getEnumeration() != null && schema.getType() != null && schema.getType().contains(SchemaType.STRING)
                && !schema.getType().contains(SchemaType.NULL)) {
            // a text enum (status, priority, spamStatus, ...) is optional wherever it appears: unset reads as null
            schema.addType(SchemaType.NULL);
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            schema.setEnumeration(values);
        }
        String ref = schema.getRef();
        if (ref == null) {
            return schema;
        }
        if (schema.getType() != null && schema.getType().contains(SchemaType.NULL) && !(INSTANT.equals(ref) && iso)
                && !ANY_JSON.equals(ref)) {
            // a property that may be null and points to a shared schema (@Schema(nullable = true) on an enum,
            // a time, a nested record): "null" beside the $ref would be dropped below with the other keywords,
            // and put into the shared schema it would make every use of it nullable; say it here, on its own
            schema.setRef(null);
            schema.setType(null);
            schema.setFormat(null);
            schema.setExamples(null);
            schema.setAnyOf(List.of(OASFactory.createSchema().ref(ref),
                    OASFactory.createSchema().addType(SchemaType.NULL)));
            return schema;
        }
        if (INSTANT.equals(ref) && iso) {
            // a field written in ISO-8601 on purpose (its own serializer and schema): its schema is its own
            schema.setRef(null);
        } else if (INSTANT.equals(ref)) {
            // the shared schema is the truth: YYYY-MM-DD HH:mm:ss
            schema.setType(null);
            schema.setFormat(null);
            schema.setExamples(null);
        } else if (ANY_JSON.equals(ref) && (schema.getType() != null || schema.getOneOf() != null
                || schema.getAnyOf() != null)) {
            // "any JSON value" says less than the property's own schema: keep that one
            schema.setRef(null);
        } else {
            // the referenced schema says what the value is; a type beside it (often a wrong "object" for an
            // enum the generator saw through a wrapper such as Patch) would be applied to every use of it
            schema.setType(null);
            schema.setFormat(null);
        }
        return schema;
    }
}
