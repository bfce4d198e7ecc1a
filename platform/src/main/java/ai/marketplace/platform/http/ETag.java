package ai.marketplace.platform.http;

import java.net.URI;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** Responses that carry an entity's version as their ETag: the value a client sends back in If-Match. */
public final class ETag {

    /**
     * What a read with a strong ETag tells caches: keep it for this caller only and ask again every time
     * ({@code If-None-Match}); the answer then is a body-less 304 while the version is unchanged.
     */
    static final String REVALIDATE = "private, no-cache";

    private ETag() {
    }

    public static Response ok(Object entity, long version) {
        return Response.ok(entity).tag(Long.toString(version)).build();
    }

    /**
     * A read whose representation is a function of the row's version alone (every change to what it shows bumps
     * the version): 304 Not Modified when the request's {@code If-None-Match} names that version, else 200 with
     * the entity. Reads whose view also shows columns that change without a new version (an offer's free GPUs,
     * its heartbeat) must not use this: their version is no validator of what they show.
     */
    public static Response read(Request request, Object entity, long version) {
        EntityTag tag = new EntityTag(Long.toString(version));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder answer = unchanged != null ? unchanged.tag(tag) : Response.ok(entity).tag(tag);
        return answer.header(HttpHeaders.CACHE_CONTROL, REVALIDATE).header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                .build();
    }

    public static Response created(URI location, Object entity, long version) {
        return Response.created(location).entity(entity).tag(Long.toString(version)).build();
    }
}
