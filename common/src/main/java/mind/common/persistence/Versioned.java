package mind.common.persistence;

import jakarta.ws.rs.core.EntityTag;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * A view together with the version of the object it was built from, read in the same session, so
 * that a single-object GET can send the version as its strong {@code ETag}.
 */
public record Versioned<T>(T value, long version) {

    public EntityTag etag() {
        return new EntityTag(Long.toString(version));
    }

    /**
     * 200 with the value as body and the version as {@code ETag}. Typed, so the OpenAPI schema and the
     * native image's reflection both come from {@code T}.
     */
    public RestResponse<T> ok() {
        return ok(value);
    }

    /** 200 with {@code body} (usually a wrapper around the value) and this version as {@code ETag}. */
    public <B> RestResponse<B> ok(B body) {
        return RestResponse.ResponseBuilder.ok(body).tag(etag()).build();
    }
}
