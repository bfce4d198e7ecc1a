package ai.marketplace.compute.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.compute.rest.api.LeaseActions.FaultReport;
import ai.marketplace.compute.rest.api.LeaseActions.UsageReport;
import ai.marketplace.compute.rest.api.LeaseRequest;
import ai.marketplace.compute.rest.api.LeaseView;
import ai.marketplace.compute.service.LeaseLifecycle;
import ai.marketplace.compute.service.LeaseQueries;
import ai.marketplace.compute.service.LeaseService;
import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/leases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leases", description = "GPU capacity leased by renters")
public class LeaseResource {

    @Inject LeaseQueries queries;
    @Inject LeaseService leases;
    @Inject LeaseLifecycle lifecycle;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("buyer")
    @Operation(summary = "Request a lease", description = "A specific offerId, or requirements (gpuModel, minVramGb, region, maxPricePerGpuHour) matched to the cheapest fitting offer. Capacity is reserved atomically. 409 no-capacity explains how many offers each constraint excluded. Idempotency-Key supported. Emits LeaseRequested.")
    @APIResponse(responseCode = "201", description = "The lease, REQUESTED, with its capacity reserved; Idempotent-Replayed: true when this is the answer to an earlier identical request", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LeaseView.class)), headers = { @Header(name = "Idempotent-Replayed", description = "true when this answers an earlier request with the same Idempotency-Key", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "true")), @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> request(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull LeaseRequest request, @Context UriInfo uri) {
        String key = Idempotency.checkKey(idempotencyKey);
        return leases.request(caller.subject(), key, request.terms(), LeaseView.class, LeaseView::of)
                .map(outcome -> outcome.created(URI.create(uri.getPath() + "/" + outcome.value().id())));
    }

    @GET
    @Authenticated
    @Operation(operationId = "listMyLeases", summary = "The caller's leases, newest first", description = "as=renter (default): leases the caller rents; as=provider: leases on the caller's offers (provider role).")
    public Uni<Page<LeaseView>> mine(@QueryParam("as") @DefaultValue("renter") String as,
            @BeanParam PageParams paging) {
        Uni<Slice<Lease>> slice = switch (as) {
            case "renter" -> queries.ofRenter(caller.subject(), paging.request());
            case "provider" -> {
                if (!caller.hasRole("provider")) {
                    throw ProblemException.forbidden("as=provider needs the provider role");
                }
                yield queries.ofProvider(caller.subject(), paging.request());
            }
            default -> throw ProblemException.invalid("as", "must be renter or provider");
        };
        return slice.map(paging.toPage(LeaseView::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "A lease", description = "Its renter, its provider or an operator; 404 for anyone else.")
    public Uni<LeaseView> get(@PathParam("id") UUID id) {
        return lifecycle.get(id, caller.subject(), caller.isOperator()).map(LeaseView::of);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed("buyer")
    @Operation(summary = "Cancel a lease that has not started", description = "Renter only; REQUESTED → CANCELLED (RENTER_CANCELLED), GPUs freed, any hold released. Emits LeaseCancelled.")
    public Uni<LeaseView> cancel(@PathParam("id") UUID id) {
        return lifecycle.cancel(id, caller.subject()).map(LeaseView::of);
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed("buyer")
    @Operation(summary = "End a running lease early", description = "Renter only; ACTIVE → COMPLETED (RENTER_ENDED). The provider is paid the usage reported so far, the rest of the hold goes back. Emits LeaseEnded.")
    public Uni<LeaseView> end(@PathParam("id") UUID id) {
        return lifecycle.end(id, caller.subject()).map(LeaseView::of);
    }

    @POST
    @Path("/{id}/usage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(operationId = "reportUsage", summary = "Report metered usage", description = "Provider only. usedGpuSeconds is cumulative; it may not decrease (409) nor exceed GPUs × seconds since activation, or until the lease ended (422). Accepted while the lease is ACTIVE and, once it has ended, within the final-reading window (then 409 final-reading-closed); a final reading with \"final\": true settles the lease at once. Emits UsageReported when it changes; LeaseEnded carries the amount once the window is over.")
    public Uni<LeaseView> usage(@PathParam("id") UUID id, @Valid @NotNull UsageReport report) {
        return lifecycle.reportUsage(id, caller.subject(), report.usedGpuSeconds(), report.isLast()).map(LeaseView::of);
    }

    @POST
    @Path("/{id}/fault")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(operationId = "reportLeaseFault", summary = "Report that a running lease cannot be served", description = "Provider only; ACTIVE → FAILED (PROVIDER_FAULT), GPUs freed, reported usage paid. Emits LeaseEnded.")
    public Uni<LeaseView> fault(@PathParam("id") UUID id, @Valid FaultReport report) {
        return lifecycle.fault(id, caller.subject(), report == null ? null : report.detail()).map(LeaseView::of);
    }
}
