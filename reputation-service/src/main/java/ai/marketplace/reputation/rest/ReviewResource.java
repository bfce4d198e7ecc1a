package ai.marketplace.reputation.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

import ai.marketplace.platform.security.Caller;
import ai.marketplace.reputation.rest.api.ReviewApi.ReplyRequest;
import ai.marketplace.reputation.rest.api.ReviewApi.ReviewEdit;
import ai.marketplace.reputation.rest.api.ReviewApi.ReviewRequest;
import ai.marketplace.reputation.rest.api.ReviewApi.ReviewView;
import ai.marketplace.reputation.service.ReviewService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Reviews", description = "Verified reviews: only from a licence holder or a lease renter")
public class ReviewResource {

    @Inject ReviewService reviews;
    @Inject Caller caller;

    @POST
    @Operation(summary = "Review an asset (basis ORDER) or a provider (basis LEASE)", description = "403 with the reason when the basis does not qualify (not yours, revoked, lease not finished, self-review); 409 already-reviewed.")
    @APIResponse(responseCode = "201", description = "The review; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewView.class)), headers = { @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> write(@Valid @NotNull ReviewRequest request, @Context UriInfo uri) {
        return reviews.write(caller.subject(), request.basisType(), request.basisId(), request.rating(), request.text())
                .map(ReviewView::of).map(r -> Response.created(URI.create(uri.getPath() + "/" + r.id())).entity(r).build());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Edit your review within the edit window", description = "409 edit-window-closed.")
    public Uni<ReviewView> edit(@PathParam("id") UUID id, @Valid @NotNull ReviewEdit edit) {
        return reviews.edit(id, caller.subject(), edit.rating(), edit.text()).map(ReviewView::of);
    }

    @POST
    @Path("/{id}/reply")
    @Operation(summary = "Reply once, publicly, as the reviewed provider or asset owner")
    public Uni<ReviewView> reply(@PathParam("id") UUID id, @Valid @NotNull ReplyRequest reply) {
        return reviews.reply(id, caller.subject(), reply.text()).map(ReviewView::of);
    }
}
