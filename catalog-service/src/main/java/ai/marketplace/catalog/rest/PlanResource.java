package ai.marketplace.catalog.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import ai.marketplace.catalog.rest.api.PlanApi.CreatePlanRequest;
import ai.marketplace.catalog.rest.api.PlanApi.PlanView;
import ai.marketplace.catalog.service.PlanService;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/assets/{assetId}/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pricing plans", description = "How an asset is sold; amounts in the token's base units as decimal strings")
public class PlanResource {

    @Inject PlanService service;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Add a pricing plan", description = "Owner only. Emits PricingPlanCreated.")
    @APIResponse(responseCode = "201", description = "The plan; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PlanView.class)), headers = { @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> create(@PathParam("assetId") UUID assetId, @Valid @NotNull CreatePlanRequest request,
            @Context UriInfo uri) {
        return service.create(assetId, caller.subject(), request.terms()).map(PlanView::of)
                .map(p -> Response.created(URI.create(uri.getPath() + "/" + p.id())).entity(p).build());
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPlans", summary = "List an asset's plans", description = "Active plans; the owner may add includeArchived=true.")
    public Uni<List<PlanView>> list(@PathParam("assetId") UUID assetId,
            @QueryParam("includeArchived") boolean includeArchived) {
        return caller.optional().chain(viewer -> service.list(assetId, viewer, includeArchived))
                .map(all -> all.stream().map(PlanView::of).toList());
    }

    @POST
    @Path("/{planId}/archive")
    @RolesAllowed("provider")
    @Operation(summary = "Archive a plan", description = "Owner only; existing orders keep their snapshot. Emits PricingPlanArchived.")
    public Uni<PlanView> archive(@PathParam("assetId") UUID assetId, @PathParam("planId") UUID planId) {
        return service.archive(assetId, planId, caller.subject()).map(PlanView::of);
    }

    @POST
    @Path("/{planId}/replace")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Replace a plan", description = "Owner only: archives the plan and creates the new one in one transaction. Emits PricingPlanArchived and PricingPlanCreated.")
    @APIResponse(responseCode = "201", description = "The new plan (the old one is archived); Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PlanView.class)), headers = { @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> replace(@PathParam("assetId") UUID assetId, @PathParam("planId") UUID planId,
            @Valid @NotNull CreatePlanRequest request, @Context UriInfo uri) {
        return service.replace(assetId, planId, caller.subject(), request.terms()).map(PlanView::of)
                .map(p -> Response.created(URI.create("/v1/assets/" + assetId + "/plans/" + p.id())).entity(p).build());
    }
}
