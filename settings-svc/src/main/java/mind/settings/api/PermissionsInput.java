package mind.settings.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.error.ApiException;
import mind.settings.domain.RolePermissions;

/**
 * {@code permissions} of {@code POST /roles} and {@code PATCH /roles/{id}}: a list of permission names, or an object
 * of permission name to true/false as {@code GET /roles/{id}} reports them (the true ones are granted). Either way
 * every name must be a known permission (400 naming {@code permissions[i]} or {@code permissions.<name>}).
 */
public final class PermissionsInput {

    /** At most this many names (or object members). */
    static final int MAX = 100;

    @Schema(name = "PermissionNames", description = "permission names (GET /roles/1 lists them all)", maxItems = MAX)
    public static class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
    }

    @Schema(name = "PermissionFlags", description = "permission name → true (granted) or false (not granted); the "
            + "names are those GET /roles/1 lists", maxProperties = MAX)
    public static class Flags extends HashMap<String, Boolean> {
        private static final long serialVersionUID = 1L;
    }

    private PermissionsInput() {
    }

    /** The names granted, in the order sent; 400 naming the offending member for anything else. */
    static List<String> names(JsonNode node) {
        if (node.isArray()) {
            if (node.size() > MAX) {
                throw ApiException.invalidField("permissions", "size must be between 0 and " + MAX);
            }
            List<String> names = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual()) {
                    throw ApiException.invalidField("permissions[" + i + "]", "must be a permission name");
                }
                names.add(known("permissions[" + i + "]", item.textValue()));
            }
            return names;
        }
        if (node.isObject()) {
            if (node.size() > MAX) {
                throw ApiException.invalidField("permissions", "size must be between 0 and " + MAX);
            }
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String field = "permissions." + member.getKey();
                known(field, member.getKey());
                if (!member.getValue().isBoolean()) {
                    throw ApiException.invalidField(field, "must be true or false");
                }
                if (member.getValue().booleanValue()) {
                    names.add(member.getKey());
                }
            }
            return names;
        }
        throw ApiException.invalidField("permissions", "must be an array of permission names or an object of permission "
                + "name to true/false");
    }

    private static String known(String field, String name) {
        if (!RolePermissions.isKnown(name)) {
            throw ApiException.invalidField(field, "unknown permission " + name + "; known: "
                    + String.join(", ", RolePermissions.known()));
        }
        return name;
    }
}
