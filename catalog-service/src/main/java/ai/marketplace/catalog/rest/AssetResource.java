package ai.marketplace.catalog.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.catalog.rest.api.AssetRequests;
import ai.marketplace.catalog.rest.api.AssetView;
import ai.marketplace.catalog.rest.api.CreateAssetRequest;
import ai.marketplace.catalog.service.AssetService;
import ai.marketplace.platform.http.ETag;
import ai.marketplace.platform.http.IfMatch;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assets", description = "AI models, datasets and services listed by providers")
public class AssetResource {

    @Inject AssetService service;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Create a draft asset", description = "Emits AssetCreated. The draft is visible to its owner only.")
    @APIResponse(responseCode = "201", description = "The draft asset; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssetView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")), @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> create(@Valid @NotNull CreateAssetRequest request, @Context UriInfo uri) {
        AssetRequests.Details details = request.details();
        return service.createDraft(caller.subject(), request.kind(), details.toDetails()).map(AssetView::of)
                .map(view -> ETag.created(URI.create(uri.getPath() + "/" + view.id()), view, view.version()));
    }

    @GET
    @Path("/mine")
    @Authenticated
    @Operation(operationId = "listMyAssets", summary = "List the caller's own assets, newest first")
    public Uni<Page<AssetView>> mine(@BeanParam PageParams paging) {
        return service.listOwn(caller.subject(), paging.request()).map(paging.toPage(AssetView::of));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get an asset", description = "Drafts are visible to their owner only. The ETag is the version to send in If-Match.")
    @APIResponse(responseCode = "200", description = "The asset", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssetView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = "ETags you hold: 304 without a body while one is current", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\""))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version", headers = { @Header(name = "ETag", description = "The current version", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    public Uni<Response> get(@PathParam("id") UUID id, @Context Request request) {
        return caller.optional().chain(viewer -> service.get(id, viewer)).map(AssetView::of)
                .map(view -> ETag.read(request, view, view.version()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Replace the listing's text", description = "Owner only. Needs If-Match with the current ETag: 428 without it, 412 when stale, 409 on a concurrent write. Emits AssetUpdated.")
    @APIResponse(responseCode = "200", description = "The updated asset", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssetView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AssetRequests.Details details) {
        long expected = IfMatch.version(ifMatch);
        return service.update(id, caller.subject(), expected, details.toDetails()).map(AssetView::of)
                .map(view -> ETag.ok(view, view.version()));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed("provider")
    @Operation(summary = "Publish the asset", description = "Owner only; needs a published version, an active plan and a licence. Emits AssetPublished.")
    public Uni<AssetView> publish(@PathParam("id") UUID id) {
        return service.publish(id, caller.subject()).map(AssetView::of);
    }

    @POST
    @Path("/{id}/deprecate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Deprecate the asset", description = "Owner only; optional successorAssetId of a published asset. Emits AssetDeprecated.")
    public Uni<AssetView> deprecate(@PathParam("id") UUID id, @Valid AssetRequests.DeprecateRequest body) {
        return service.deprecate(id, caller.subject(), body == null ? null : body.successorAssetId()).map(AssetView::of);
    }

    @POST
    @Path("/{id}/delist")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "provider", "operator" })
    @Operation(summary = "Delist the asset", description = "By its owner, or by an operator on any asset. Emits AssetDelisted.")
    public Uni<AssetView> delist(@PathParam("id") UUID id, @Valid @NotNull AssetRequests.DelistRequest body) {
        return service.delist(id, caller.subject(), caller.isOperator(), body.reason()).map(AssetView::of);
    }
}
