package ai.marketplace.compute.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.compute.rest.api.LeaseRequest;
import ai.marketplace.compute.rest.api.LeaseView;
import ai.marketplace.compute.service.LeaseService;
import ai.marketplace.platform.idempotency.Idempotency;
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
    private final LeaseService leases;
    private final SecurityIdentity identity;

    public LeaseResource(LeaseQueries queries, LeaseService leases, SecurityIdentity identity) {
        this.queries = queries;
        this.leases = leases;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("buyer")
    @Operation(summary = "Request a lease", description = "A specific offerId, or requirements (gpuModel, minVramGb, region, maxPricePerGpuHour) matched to the cheapest fitting offer. Capacity is reserved atomically. 409 no-capacity explains how many offers each constraint excluded. Idempotency-Key supported. Emits LeaseRequested.")
    @SecurityRequirement(name = "oidc")
    public Uni<Response> request(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull LeaseRequest request, @Context UriInfo uri) {
        String key = Idempotency.checkKey(idempotencyKey);
        return leases.request(Subjects.of(identity), key, request)
                .map(outcome -> outcome.created(URI.create(uri.getPath() + "/" + outcome.value().id())));
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
