package mind.common.openapi;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Cleans what the generator writes about times and free JSON. Keeps a schema that points to a shared one ({@code $ref}) from also saying something else about the
 * value. The generator writes a property's own {@code @Schema} (type, format, examples, oneOf) next to
 * its {@code $ref}, which OpenAPI 3.1 allows; but tools that resolve references in place (the request
 * validators clients and our contract tests use) then apply those keywords to every other use of the
 * shared schema, so one Instant property documented with an ISO example made every time field of the
 * document an ISO {@code date-time}, and one id-or-slug property made every free JSON field "string or
 * integer". And no time is an ISO {@code date-time}: the API writes {@code YYYY-MM-DD HH:mm:ss} and reads that,
 * ISO-8601 and unix seconds, which the format would refuse. Text enums admit null: the fields that carry
 * them are optional in the answers (a ticket's spamStatus before any check).
 */
final class SchemaCleanup {

    static final String INSTANT = "#/components/schemas/java.time.Instant";
    static final String ANY_JSON = "#/components/schemas/com.fasterxml.jackson.databind.JsonNode";

    private SchemaCleanup() {
    }

    static Schema clean(Schema schema) {
        if ("date-time".equals(schema.getFormat())) {
            schema.setFormat(null);
            schema.setExamples(null);
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
        if (INSTANT.equals(ref)) {
            // the shared schema is the truth: times are written as YYYY-MM-DD HH:mm:ss, never ISO
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
