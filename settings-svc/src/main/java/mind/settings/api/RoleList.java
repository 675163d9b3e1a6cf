package mind.settings.api;

import java.util.List;

/** Answer of {@code GET /roles}. */
public record RoleList(boolean success, List<RoleView> roles) {
}
