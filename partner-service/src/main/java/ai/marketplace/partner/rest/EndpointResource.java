package ai.marketplace.partner.rest;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import ai.marketplace.partner.rest.api.EndpointApi.Attempt;
import ai.marketplace.partner.rest.api.EndpointApi.Registration;
import ai.marketplace.partner.rest.api.EndpointApi.ReplayRequest;
import ai.marketplace.partner.rest.api.EndpointApi.ReplayScheduled;
import ai.marketplace.partner.rest.api.EndpointApi.Revision;
import ai.marketplace.partner.rest.api.EndpointApi.SecretRotation;
import ai.marketplace.partner.rest.api.EndpointApi.EndpointView;
import ai.marketplace.partner.rest.api.EndpointApi.WithSecret;
import ai.marketplace.partner.service.EndpointService;
import ai.marketplace.partner.service.EndpointService.Actor;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/webhooks/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "partner", "operator" })
@Tag(name = "Webhook endpoints", description = "Where a partner receives the marketplace's events, signed per Standard Webhooks")
public class EndpointResource {

    private static final Duration DEFAULT_OVERLAP = Duration.ofDays(1);

    @Inject EndpointService endpoints;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("partner")
    @Operation(summary = "Register an endpoint", description = "An https URL on a public address (checked by resolving it) and event types the operator granted the caller (403 otherwise). The answer carries the signing secret, shown this once. Emits WebhookEndpointRegistered.")
    @APIResponse(responseCode = "201", description = "The endpoint and its signing secret (shown this once)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = WithSecret.class)), headers = { @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> register(@Valid @NotNull Registration r, @Context UriInfo uri) {
        return endpoints.register(caller.subject(), r.url(), r.eventTypes(), r.description())
                .map(w -> Response.created(URI.create(uri.getPath() + "/" + w.endpoint().id()))
                        .entity(new WithSecret(EndpointView.of(w.endpoint()), w.secret())).build());
    }

    @GET
    @Operation(operationId = "listEndpoints", summary = "The caller's endpoints, newest first", description = "all=true (operators only): every partner's.")
    public Uni<Page<EndpointView>> list(@QueryParam("all") @DefaultValue("false") boolean all, @BeanParam PageParams paging) {
        return endpoints.list(actor(), all, paging.request()).map(paging.toPage(EndpointView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An endpoint", description = "Its partner or an operator; 404 for anyone else.")
    public Uni<EndpointView> get(@PathParam("id") UUID id) {
        return endpoints.get(actor(), id).map(EndpointView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change an endpoint", description = "url, eventTypes, description, state (ACTIVE or PAUSED; DISABLED by an operator only; ACTIVE again after a disable by failures). Emits WebhookEndpointUpdated and, for a state change, WebhookEndpointPaused/Activated/Disabled.")
    public Uni<EndpointView> revise(@PathParam("id") UUID id, @Valid @NotNull Revision r) {
        return endpoints.revise(actor(), id, new EndpointService.Revision(r.url(), r.eventTypes(), r.description(), r.state()))
                .map(EndpointView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an endpoint", description = "Pending deliveries are dropped. Emits WebhookEndpointDeleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return endpoints.delete(actor(), id).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateEndpointSecret", summary = "Rotate the signing secret", description = "A new secret, shown once; for overlapSeconds (default a day, at most 7) both sign, as two webhook-signature entries. Emits WebhookSecretRotated.")
    public Uni<WithSecret> rotate(@PathParam("id") UUID id, @Valid SecretRotation r) {
        Duration overlap = r == null || r.overlapSeconds() == null ? DEFAULT_OVERLAP : Duration.ofSeconds(r.overlapSeconds());
        return endpoints.rotateSecret(actor(), id, overlap).map(w -> new WithSecret(EndpointView.of(w.endpoint()), w.secret()));
    }

    @POST
    @Path("/{id}/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deliver events again", description = "The endpoint's events after afterEventId, or since a time, from the retained copies, with their original ids. 202 with how many were scheduled. Emits WebhookReplayRequested.")
    @APIResponse(responseCode = "202", description = "How many deliveries were scheduled", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReplayScheduled.class)))
    public Uni<Response> replay(@PathParam("id") UUID id, @Valid @NotNull ReplayRequest r) {
        return endpoints.replay(actor(), id, r.afterEventId(), r.since())
                .map(n -> Response.accepted(new ReplayScheduled(n)).build());
    }

    @GET
    @Path("/{id}/attempts")
    @Operation(operationId = "listDeliveryAttempts", summary = "The delivery log, newest first", description = "Every attempt: status, latency, the first bytes of the answer, the next try.")
    public Uni<Page<Attempt>> attempts(@PathParam("id") UUID id, @BeanParam PageParams paging) {
        return endpoints.attempts(actor(), id, paging.request()).map(paging.toPage(Attempt::of));
    }

    private Actor actor() {
        return new Actor(caller.subject(), caller.isOperator());
    }
}
