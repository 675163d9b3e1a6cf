package mind.common.openapi;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * A PATCH body requires nothing: every field of a {@code Patch<T>} record may be left out. The generator
 * turns a Patch field's {@code @NotNull} (which there means "may not be cleared") into a {@code required}
 * entry, so that the documented body demanded every such field. This removes {@code required} from the
 * schema of every PATCH request body and from the records nested in it as plain properties (a
 * {@code settings} object whose own fields are Patches), when nothing but PATCH bodies uses that schema.
 * A schema also used elsewhere (a POST body, an answer) keeps its {@code required}; the PATCH operation then
 * gets a copy without it. Values inside a PATCH body that are replaced as a whole keep theirs: items of
 * arrays, and objects the generator wrote inline (a {@code Patch<Content>}).
 */
final class PatchBodies {

    private static final String PREFIX = "#/components/schemas/";

    private PatchBodies() {
    }

    static void relax(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Set<String> patchOnly = new HashSet<>();
        Map<String, Integer> patchUses = new HashMap<>();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (MediaType media : patchBodies(path.getPATCH())) {
                collect(media.getSchema(), components, patchOnly, new HashSet<>(), patchUses);
            }
        }
        Map<String, Integer> allUses = new HashMap<>();
        countRefs(openAPI.getPaths().getPathItems().values(), allUses);
        components.values().forEach(s -> countRefs(s, allUses));
        for (String name : patchOnly) {
            if (allUses.getOrDefault(name, 0).equals(patchUses.getOrDefault(name, 0))) {
                components.get(name).setRequired(null);
            }
        }
        // a body schema used elsewhere too: the PATCH operation gets its own copy without required
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (MediaType media : patchBodies(path.getPATCH())) {
                Schema body = media.getSchema();
                String name = name(body);
                if (name != null && components.get(name) != null && components.get(name).getRequired() != null) {
                    Schema copy = copyOf(components.get(name));
                    copy.setRequired(null);
                    media.setSchema(copy);
                }
            }
        }
    }

    private static Iterable<MediaType> patchBodies(Operation patch) {
        if (patch == null || patch.getRequestBody() == null || patch.getRequestBody().getContent() == null
                || patch.getRequestBody().getContent().getMediaTypes() == null) {
            return java.util.List.of();
        }
        return patch.getRequestBody().getContent().getMediaTypes().values();
    }

    /** The component schemas a PATCH body reaches through plain object properties, with their use counts. */
    private static void collect(Schema schema, Map<String, Schema> components, Set<String> found, Set<String> seen,
            Map<String, Integer> uses) {
        if (schema == null) {
            return;
        }
        String name = name(schema);
        if (name != null) {
            uses.merge(name, 1, Integer::sum);
            found.add(name);
            if (seen.add(name)) {
                Schema target = components.get(name);
                if (target != null && target.getProperties() != null) {
                    target.getProperties().values().forEach(p -> {
                        if (name(p) != null) {
                            collect(p, components, found, seen, uses);
                        }
                    });
                }
            }
        }
    }

    private static String name(Schema schema) {
        String ref = schema == null ? null : schema.getRef();
        return ref != null && ref.startsWith(PREFIX) ? ref.substring(PREFIX.length()) : null;
    }

    private static void countRefs(Object node, Map<String, Integer> uses) {
        if (node instanceof Schema schema) {
            String name = name(schema);
            if (name != null) {
                uses.merge(name, 1, Integer::sum);
            }
            countRefs(schema.getProperties() == null ? null : schema.getProperties().values(), uses);
            countRefs(schema.getItems(), uses);
            countRefs(schema.getAllOf(), uses);
            countRefs(schema.getAnyOf(), uses);
            countRefs(schema.getOneOf(), uses);
            countRefs(schema.getNot(), uses);
            if (schema.getAdditionalPropertiesSchema() != null) {
                countRefs(schema.getAdditionalPropertiesSchema(), uses);
            }
        } else if (node instanceof Iterable<?> many) {
            many.forEach(n -> countRefs(n, uses));
        } else if (node instanceof PathItem path) {
            countRefs(path.getParameters(), uses);
            countRefs(path.getOperations().values(), uses);
        } else if (node instanceof Operation op) {
            countRefs(op.getParameters(), uses);
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                countRefs(op.getRequestBody().getContent().getMediaTypes().values(), uses);
            }
            if (op.getResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> {
                    if (r.getContent() != null) {
                        countRefs(r.getContent().getMediaTypes().values(), uses);
                    }
                });
            }
        } else if (node instanceof MediaType media) {
            countRefs(media.getSchema(), uses);
        } else if (node instanceof org.eclipse.microprofile.openapi.models.parameters.Parameter parameter) {
            countRefs(parameter.getSchema(), uses);
        }
    }

    private static Schema copyOf(Schema schema) {
        Schema copy = org.eclipse.microprofile.openapi.OASFactory.createSchema();
        schema.getAll().forEach(copy::set);
        return copy;
    }
}
