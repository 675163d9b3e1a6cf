package mind.settings.api;

import java.util.List;

/** {@code GET /jwt/{profileId}/keys}: the profile's keys, newest first, revoked and expired ones included. */
public record ApiKeyList(boolean success, List<ApiKeyView> keys) {
}
