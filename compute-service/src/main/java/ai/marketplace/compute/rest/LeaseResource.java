package ai.marketplace.compute.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.compute.rest.api.LeaseView;
import ai.marketplace.compute.service.LeaseQueries;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.security.Subjects;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/v1/leases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leases", description = "GPU capacity leased by renters")
public class LeaseResource {

    private final LeaseQueries queries;
    private final SecurityIdentity identity;

    public LeaseResource(LeaseQueries queries, SecurityIdentity identity) {
        this.queries = queries;
        this.identity = identity;
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = "oidc")
    @Operation(summary = "The caller's leases, newest first")
    public Uni<Page<LeaseView>> mine(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return queries.ofRenter(Subjects.of(identity), PageRequest.of(limit, cursor), uri);
    }
}
