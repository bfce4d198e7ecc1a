package ai.marketplace.catalog.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.catalog.rest.api.PublisherApi.ReportView;
import ai.marketplace.catalog.rest.api.PublisherApi.ResolveRequest;
import ai.marketplace.catalog.service.ModerationService;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/abuse-reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Abuse reports", description = "Reporting assets, and moderation by operators")
public class AbuseReportResource {

    private final ModerationService moderation;
    private final Caller caller;

    public AbuseReportResource(ModerationService moderation, Caller caller) {
        this.moderation = moderation;
        this.caller = caller;
    }

    @GET
    @RolesAllowed("operator")
    @Operation(summary = "The moderation queue, oldest first", description = "state=OPEN (default) or RESOLVED.")
    @SecurityRequirement(name = "oidc")
    public Uni<Page<ReportView>> queue(@QueryParam("state") String state, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return moderation.queue(state, page).map(slice -> Page.of(slice, page, ReportView::of, uri));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(summary = "Resolve a report", description = "DISMISSED, or DELISTED (delists the asset, emits AssetDelisted).")
    @SecurityRequirement(name = "oidc")
    public Uni<ReportView> resolve(@PathParam("id") UUID id, @Valid @NotNull ResolveRequest request) {
        return moderation.resolve(id, caller.subject(), request.resolution(), request.note()).map(ReportView::of);
    }
}
