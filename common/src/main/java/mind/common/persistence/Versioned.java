package mind.common.persistence;

import jakarta.ws.rs.core.EntityTag;

/**
 * A view together with the version of the object it was built from, read in the same session, so
 * that a single-object GET can send the version as its strong {@code ETag}.
 */
public record Versioned<T>(T value, long version) {

    public EntityTag etag() {
        return new EntityTag(Long.toString(version));
    }
}
