package ai.marketplace.platform.http;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/** Responses that carry an entity's version as their ETag: the value a client sends back in If-Match. */
public final class ETag {

    private ETag() {
    }

    public static Response ok(Object entity, long version) {
        return Response.ok(entity).tag(Long.toString(version)).build();
    }

    public static Response created(URI location, Object entity, long version) {
        return Response.created(location).entity(entity).tag(Long.toString(version)).build();
    }
}
