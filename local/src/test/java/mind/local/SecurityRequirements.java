package mind.local;

import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** What an operation's OpenAPI security requirements say: public or not, and the roles it admits. */
final class SecurityRequirements {

    private SecurityRequirements() {
    }

    /** No requirement (or an empty one, {@code - {}}): anyone may call it. */
    static boolean isPublic(JsonNode security) {
        if (security == null || security.isEmpty()) {
            return true;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The scopes of every requirement: smallrye-openapi records an endpoint's {@code @RolesAllowed} there. */
    static Set<String> roles(JsonNode security) {
        Set<String> roles = new TreeSet<>();
        if (security != null) {
            for (JsonNode requirement : security) {
                requirement.forEach(scopes -> scopes.forEach(scope -> roles.add(scope.asText())));
            }
        }
        return roles;
    }
}
