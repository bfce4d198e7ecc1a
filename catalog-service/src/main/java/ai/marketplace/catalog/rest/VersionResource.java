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

import ai.marketplace.catalog.rest.api.VersionApi.CreateVersionRequest;
import ai.marketplace.catalog.rest.api.VersionApi.LineageView;
import ai.marketplace.catalog.rest.api.VersionApi.VersionView;
import ai.marketplace.catalog.service.VersionService;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions and lineage", description = "Releases of an asset's artifact, with digests and provenance")
public class VersionResource {

    @Inject VersionService service;
    @Inject Caller caller;

    @POST
    @Path("/{assetId}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(operationId = "addVersion", summary = "Add a draft version", description = "Owner only. derivedFrom/trainedOn must name published versions.")
    @APIResponse(responseCode = "201", description = "The draft version; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = VersionView.class)), headers = { @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> add(@PathParam("assetId") UUID assetId, @Valid @NotNull CreateVersionRequest request,
            @Context UriInfo uri) {
        return service.add(assetId, caller.subject(), request.toNewVersion()).map(VersionView::of)
                .map(v -> Response.created(URI.create(uri.getPath() + "/" + v.id())).entity(v).build());
    }

    @POST
    @Path("/{assetId}/versions/{versionId}/publish")
    @RolesAllowed("provider")
    @Operation(operationId = "publishVersion", summary = "Publish a version", description = "Owner only; the version is immutable afterwards. Emits AssetVersionPublished.")
    public Uni<VersionView> publish(@PathParam("assetId") UUID assetId, @PathParam("versionId") UUID versionId) {
        return service.publish(assetId, versionId, caller.subject()).map(VersionView::of);
    }

    @GET
    @Path("/{assetId}/versions")
    @PermitAll
    @Operation(operationId = "listVersions", summary = "List an asset's versions", description = "Draft versions only for the owner.")
    public Uni<List<VersionView>> list(@PathParam("assetId") UUID assetId) {
        return caller.optional().chain(viewer -> service.list(assetId, viewer))
                .map(all -> all.stream().map(VersionView::of).toList());
    }

    @GET
    @Path("/{assetId}/lineage")
    @PermitAll
    @Operation(operationId = "getLineage", summary = "Lineage of an asset", description = "direction=upstream (what it was derived from / trained on) or downstream (what builds on it); depth 1–10, default 3.")
    public Uni<LineageView> lineage(@PathParam("assetId") UUID assetId, @QueryParam("direction") String direction,
            @QueryParam("depth") Integer depth) {
        return caller.optional().chain(viewer -> service.lineage(assetId, viewer, direction, depth))
                .map(LineageView::of);
    }
}
