package ai.marketplace.catalog.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import ai.marketplace.catalog.domain.Order;
import ai.marketplace.catalog.rest.api.OrderApi.LicenceView;
import ai.marketplace.catalog.rest.api.OrderApi.OrderView;
import ai.marketplace.catalog.rest.api.OrderApi.PlaceOrderRequest;
import ai.marketplace.catalog.rest.api.OrderApi.RevokeRequest;
import ai.marketplace.catalog.rest.api.OrderApi.VerifyRequest;
import ai.marketplace.catalog.rest.api.OrderApi.VerifyView;
import ai.marketplace.catalog.service.OrderService;
import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders and licences", description = "Buying assets: the catalog side of the purchase saga")
public class OrderResource {

    @Inject OrderService service;
    @Inject Caller caller;

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("buyer")
    @Operation(summary = "Place an order", description = "Published assets and active plans only, never one's own. Send Idempotency-Key: a repeat returns the first order (header Idempotent-Replayed: true); the same key with another body is a 422. Emits OrderPlaced; the order becomes FULFILLED (licence granted) or CANCELLED when settlement answers.")
    @APIResponse(responseCode = "201", description = "The order, PLACED; Idempotent-Replayed: true when this is the answer to an earlier identical request", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class)), headers = { @Header(name = "Idempotent-Replayed", description = "true when this answers an earlier request with the same Idempotency-Key", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "true")), @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> place(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull PlaceOrderRequest request, @Context UriInfo uri) {
        String key = Idempotency.checkKey(idempotencyKey);
        return service.place(caller.subject(), key, request.terms(), OrderView.class, OrderView::of)
                .map(outcome -> outcome.created(URI.create(uri.getPath() + "/" + outcome.value().id())));
    }

    @GET
    @Path("/orders")
    @Authenticated
    @Operation(operationId = "listOrders", summary = "The caller's orders, newest first", description = "role=buyer (default): orders the caller placed; role=seller: orders others placed for the caller's assets. Any other role is a 400.")
    public Uni<Page<OrderView>> orders(@QueryParam("role") @DefaultValue("buyer") String role, @BeanParam PageParams paging) {
        Order.Party as = switch (role) {
            case "buyer" -> Order.Party.BUYER;
            case "seller" -> Order.Party.SELLER;
            default -> throw ProblemException.invalid("role", "must be buyer or seller");
        };
        return service.mine(caller.subject(), as, paging.request()).map(paging.toPage(OrderView::of));
    }

    @GET
    @Path("/orders/{id}")
    @Authenticated
    @Operation(operationId = "getOrder", summary = "An order, for its buyer or seller")
    public Uni<OrderView> order(@PathParam("id") UUID id) {
        return service.get(id, caller.subject()).map(OrderView::of);
    }

    @POST
    @Path("/orders/{id}/cancel")
    @Authenticated
    @Operation(summary = "Cancel an order still waiting for payment", description = "Buyer only (403 for the seller); 409 order-not-pending once it is paid, fulfilled or cancelled. Emits OrderCancelled (reason BUYER); settlement gives back any funds it held. Orders with no payment answer within the payment timeout are cancelled the same way with reason EXPIRED.")
    public Uni<OrderView> cancel(@PathParam("id") UUID id) {
        return service.cancel(id, caller.subject()).map(OrderView::of);
    }

    @GET
    @Path("/licences")
    @Authenticated
    @Operation(operationId = "listLicences", summary = "The caller's licences with their access keys, newest first")
    public Uni<Page<LicenceView>> licences(@BeanParam PageParams paging) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return service.licences(caller.subject(), paging.request())
                .map(paging.toPage(held -> LicenceView.of(held, now)));
    }

    @GET
    @Path("/licences/{id}")
    @Authenticated
    @Operation(operationId = "getLicence", summary = "One of the caller's licences")
    public Uni<LicenceView> licence(@PathParam("id") UUID id) {
        return service.licence(id, caller.subject()).map(held -> LicenceView.of(held, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    @POST
    @Path("/licences/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(operationId = "revokeLicence", summary = "Revoke a licence", description = "Operators only; its key verifies as REVOKED from now on. Emits LicenceRevoked.")
    public Uni<LicenceView> revoke(@PathParam("id") UUID id, @Valid @NotNull RevokeRequest request) {
        return service.revoke(id, request.reason()).map(held -> LicenceView.of(held, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    @POST
    @Path("/licences/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("provider")
    @Operation(operationId = "verifyLicence", summary = "Verify a licence access key presented to the caller's delivery endpoint", description = "VALID, EXPIRED, REVOKED, or UNKNOWN (also for keys to other providers' assets). Reveals nothing about the holder.")
    public Uni<VerifyView> verify(@Valid @NotNull VerifyRequest request) {
        return service.verify(request.accessKey(), caller.subject())
                .map(licence -> VerifyView.of(licence, OffsetDateTime.now(ZoneOffset.UTC)));
    }
}
