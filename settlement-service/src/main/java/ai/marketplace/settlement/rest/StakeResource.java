package ai.marketplace.settlement.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.security.Caller;
import ai.marketplace.settlement.rest.api.AccountApi.HoldView;
import ai.marketplace.settlement.rest.api.AccountApi.StakeRequest;
import ai.marketplace.settlement.service.StakeService;
import io.smallrye.mutiny.Uni;

@Path("/v1/stakes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("validator")
@Tag(name = "Stakes", description = "Validators' stakes, held in escrow")
public class StakeResource {

    @Inject StakeService stakes;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lock stake", description = "Moves {amount} of the validator's available balance into escrow; 409 insufficient-funds. Idempotency-Key supported. Emits StakeLocked.")
    @APIResponse(responseCode = "201", description = "The stake, held in escrow; Idempotent-Replayed: true when this is the answer to an earlier identical request", content = @Content(mediaType = "application/json", schema = @Schema(implementation = HoldView.class)), headers = { @Header(name = "Idempotent-Replayed", description = "true when this answers an earlier request with the same Idempotency-Key", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "true")), @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> lock(@HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull StakeRequest request,
            @Context UriInfo uri) {
        String key = Idempotency.checkKey(idempotencyKey);
        return stakes.lock(caller.subject(), key, request.amount(), HoldView.class, HoldView::of)
                .map(outcome -> outcome.created(URI.create(uri.getPath() + "/" + outcome.value().correlationId())));
    }

    @POST
    @Path("/{stakeId}/release")
    @Operation(summary = "Release stake", description = "Back to the validator's available balance; 409 when already released. Emits StakeReleased.")
    public Uni<HoldView> release(@PathParam("stakeId") UUID stakeId) {
        return stakes.release(caller.subject(), stakeId).map(HoldView::of);
    }
}
