package ai.marketplace.catalog.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.catalog.rest.api.PublisherApi.ReportView;
import ai.marketplace.catalog.rest.api.PublisherApi.ResolveRequest;
import ai.marketplace.catalog.service.ModerationService;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/abuse-reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Abuse reports", description = "Reporting assets, and moderation by operators")
public class AbuseReportResource {

    @Inject ModerationService moderation;
    @Inject Caller caller;

    @GET
    @RolesAllowed("operator")
    @Operation(operationId = "listAbuseReports", summary = "The moderation queue, oldest first", description = "state=OPEN (default) or RESOLVED.")
    public Uni<Page<ReportView>> queue(@QueryParam("state") String state, @BeanParam PageParams paging) {
        return moderation.queue(state, paging.request()).map(paging.toPage(ReportView::of));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(summary = "Resolve a report", description = "DISMISSED, or DELISTED (delists the asset, emits AssetDelisted).")
    public Uni<ReportView> resolve(@PathParam("id") UUID id, @Valid @NotNull ResolveRequest request) {
        return moderation.resolve(id, caller.subject(), request.resolution(), request.note()).map(ReportView::of);
    }
}
