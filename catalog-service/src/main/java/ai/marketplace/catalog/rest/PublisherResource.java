package ai.marketplace.catalog.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.catalog.rest.api.PublisherApi.PublisherRequest;
import ai.marketplace.catalog.rest.api.PublisherApi.PublisherView;
import ai.marketplace.catalog.rest.api.SearchHitView;
import ai.marketplace.catalog.service.PublisherService;
import ai.marketplace.catalog.service.SearchService;
import ai.marketplace.platform.http.ETag;
import ai.marketplace.platform.http.IfMatch;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/publishers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Publishers", description = "Providers' public profiles")
public class PublisherResource {

    @Inject PublisherService publishers;
    @Inject SearchService search;
    @Inject Caller caller;

    @PUT
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(summary = "Create or replace the caller's publisher profile", description = "Replacing needs If-Match with the profile's ETag (428 without, 412 stale).")
    @APIResponse(responseCode = "200", description = "The profile; its ETag is the version to send in If-Match", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PublisherView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    public Uni<Response> put(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull PublisherRequest request) {
        Long expected = ifMatch == null ? null : IfMatch.version(ifMatch);
        return publishers.put(caller.subject(), expected, request.displayName().strip(), request.description(),
                request.website(), request.payoutAddress()).map(PublisherView::of)
                .map(p -> ETag.ok(p, p.version()));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A publisher's profile, by subject id")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PublisherView.class)), headers = { @Header(name = "ETag", description = "The version, for If-Match", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = "ETags you hold: 304 without a body while one is current", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\""))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version", headers = { @Header(name = "ETag", description = "The current version", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "\"3\"")) })
    public Uni<Response> get(@PathParam("id") String id, @Context Request request) {
        return publishers.get(id).map(PublisherView::of).map(p -> ETag.read(request, p, p.version()));
    }

    @GET
    @Path("/{id}/assets")
    @PermitAll
    @Operation(operationId = "listPublisherAssets", summary = "A publisher's published assets, newest first")
    public Uni<Page<SearchHitView>> assets(@PathParam("id") String id, @BeanParam PageParams paging) {
        return search.search(new SearchService.Query(null, null, null, List.of(), null, id, null, null, null, null,
                "newest"), paging.request()).map(paging.toPage(SearchHitView::of));
    }
}
