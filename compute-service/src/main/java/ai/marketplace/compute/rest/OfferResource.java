package ai.marketplace.compute.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.compute.domain.MarketFilter;
import ai.marketplace.compute.rest.api.OfferApi.HeartbeatRequest;
import ai.marketplace.compute.rest.api.OfferApi.HeartbeatView;
import ai.marketplace.compute.rest.api.OfferApi.OfferRequest;
import ai.marketplace.compute.rest.api.OfferApi.OfferView;
import ai.marketplace.compute.rest.api.OfferApi.StateRequest;
import ai.marketplace.compute.service.OfferService;
import ai.marketplace.platform.http.ETag;
import ai.marketplace.platform.http.IfMatch;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers", description = "GPU capacity offered by providers")
public class OfferResource {

    @Inject OfferService service;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Offer GPU capacity", description = "Starts ONLINE. Emits OfferPublished.")
    @APIResponse(responseCode = "201", description = "The offer, ONLINE; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OfferView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")), @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> publish(@Valid @NotNull OfferRequest request, @Context UriInfo uri) {
        return service.publish(caller.subject(), request.toSpec()).map(o -> OfferView.of(o, caller.subject()))
                .map(o -> ETag.created(URI.create(uri.getPath() + "/" + o.id()), o, o.version()));
    }

    @GET
    @PermitAll
    @Operation(operationId = "listOffers", summary = "The market: ONLINE offers, cheapest first", description = "Filters gpuModel, minVramGb, region, maxPrice (base units per GPU-hour), minAvailableGpus; cursor paging.")
    public Uni<Page<OfferView>> market(@QueryParam("gpuModel") String gpuModel, @QueryParam("minVramGb") Integer minVramGb,
            @QueryParam("region") String region, @QueryParam("maxPrice") String maxPrice,
            @QueryParam("minAvailableGpus") Integer minAvailableGpus, @BeanParam PageParams paging) {
        if (minVramGb != null && (minVramGb < 1 || minVramGb > 1024)) {
            throw ProblemException.invalid("minVramGb", "must be between 1 and 1024");
        }
        if (minAvailableGpus != null && (minAvailableGpus < 1 || minAvailableGpus > 1024)) {
            throw ProblemException.invalid("minAvailableGpus", "must be between 1 and 1024");
        }
        Amount max = null;
        if (maxPrice != null && !maxPrice.isBlank()) {
            try {
                max = Amount.parse(maxPrice);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("maxPrice", "must be a decimal string of base units");
            }
        }
        var filter = new MarketFilter(blank(gpuModel), minVramGb, blank(region), max, minAvailableGpus);
        return caller.optional().chain(viewer -> service.market(filter, paging.request())
                .map(paging.toPage(o -> OfferView.of(o, viewer))));
    }

    @GET
    @Path("/mine")
    @RolesAllowed("provider")
    @Operation(operationId = "listMyOffers", summary = "The caller's offers, newest first, any state")
    public Uni<Page<OfferView>> mine(@BeanParam PageParams paging) {
        String provider = caller.subject();
        return service.mine(provider, paging.request()).map(paging.toPage(o -> OfferView.of(o, provider)));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "An offer; tenant lists only for its provider")
    @APIResponse(responseCode = "200", description = "The offer", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OfferView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    public Uni<Response> get(@PathParam("id") UUID id) {
        return caller.optional().chain(viewer -> service.get(id, viewer).map(o -> OfferView.of(o, viewer)))
                .map(o -> ETag.ok(o, o.version()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Replace an offer", description = "Owner only, If-Match required (428/412/409); GPUs cannot drop below those leased. Emits OfferUpdated.")
    @APIResponse(responseCode = "200", description = "The revised offer", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OfferView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    public Uni<Response> revise(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull OfferRequest request) {
        long expected = IfMatch.version(ifMatch);
        return service.revise(id, caller.subject(), expected, request.toSpec()).map(o -> OfferView.of(o, caller.subject()))
                .map(o -> ETag.ok(o, o.version()));
    }

    @POST
    @Path("/{id}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(operationId = "changeOfferState", summary = "Set ONLINE, DRAINING or OFFLINE", description = "Owner only. Emits OfferUpdated.")
    public Uni<OfferView> state(@PathParam("id") UUID id, @Valid @NotNull StateRequest request) {
        return service.changeState(id, caller.subject(), request.state()).map(o -> OfferView.of(o, caller.subject()));
    }

    @POST
    @Path("/{id}/heartbeats")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(operationId = "sendHeartbeat", summary = "Node agent heartbeat", description = "Owner only. Without a healthy heartbeat within the timeout (marketplace.compute.heartbeat-timeout) the offer stops matching and its ACTIVE leases fail with PROVIDER_UNRESPONSIVE. Does not change the offer's ETag.")
    public Uni<HeartbeatView> heartbeat(@PathParam("id") UUID id, @Valid @NotNull HeartbeatRequest request) {
        return service.heartbeat(id, caller.subject(), request.healthy(), request.freeGpus()).map(HeartbeatView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("provider")
    @Operation(summary = "Withdraw an offer", description = "Owner only; 409 while GPUs are leased. Emits OfferWithdrawn.")
    public Uni<OfferView> withdraw(@PathParam("id") UUID id) {
        return service.withdraw(id, caller.subject()).map(o -> OfferView.of(o, caller.subject()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
