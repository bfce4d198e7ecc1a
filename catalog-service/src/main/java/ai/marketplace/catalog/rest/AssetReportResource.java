package ai.marketplace.catalog.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.catalog.rest.api.PublisherApi.ReportRequest;
import ai.marketplace.catalog.rest.api.PublisherApi.ReportView;
import ai.marketplace.catalog.service.ModerationService;
import ai.marketplace.platform.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Separate from the moderation queue: JAX-RS matches the longest class path, /v1/assets/{assetId} would win. */
@Path("/v1/assets/{assetId}/abuse-reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Abuse reports", description = "Reporting assets, and moderation by operators")
public class AssetReportResource {

    @Inject ModerationService moderation;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(operationId = "reportAsset", summary = "Report an asset", description = "Any signed-in user, one open report per asset.")
    @APIResponse(responseCode = "201", description = "The open report", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReportView.class)), headers = { @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> report(@PathParam("assetId") UUID assetId, @Valid @NotNull ReportRequest request) {
        return moderation.report(assetId, caller.subject(), request.category(), request.details()).map(ReportView::of)
                .map(r -> Response.created(URI.create("/v1/abuse-reports/" + r.id())).entity(r).build());
    }

}
