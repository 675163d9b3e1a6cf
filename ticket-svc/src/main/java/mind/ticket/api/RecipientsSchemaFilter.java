package mind.ticket.api;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The recipient fields ({@link RecipientsDeserializer}) say {@code oneOf: [string, array of strings]}
 * through their {@code @Schema}; the generator also writes the Java type's {@code type: array} beside it,
 * which would refuse the string. This drops that type where a property offers both a string and an
 * array; the array's bounds ({@code maxItems}, {@code items}) stay, and apply to the array alone.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RecipientsSchemaFilter implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        List<Schema> oneOf = schema.getOneOf();
        if (oneOf != null && schema.getType() != null && schema.getType().contains(SchemaType.ARRAY)
                && oneOf.stream().anyMatch(s -> is(s, SchemaType.STRING)) && oneOf.stream().anyMatch(s -> is(s, SchemaType.ARRAY))) {
            schema.setType(null);
        }
        return schema;
    }

    private static boolean is(Schema schema, SchemaType type) {
        return schema.getType() != null && schema.getType().size() == 1 && schema.getType().contains(type);
    }
}
