package ai.marketplace.settlement.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.security.Caller;
import ai.marketplace.settlement.rest.api.AccountApi.WithdrawalRequest;
import ai.marketplace.settlement.rest.api.AccountApi.WithdrawalView;
import ai.marketplace.settlement.service.PayoutService;
import ai.marketplace.settlement.service.WithdrawalQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/withdrawals")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Withdrawals", description = "Payouts to the caller's linked address, in on-chain batches")
public class WithdrawalResource {

    @Inject PayoutService payouts;
    @Inject WithdrawalQueries queries;
    @Inject Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestWithdrawal", summary = "Withdraw to the linked address", description = "Debits the available balance at once (409 insufficient-funds with the available amount; 409 no-linked-address); paid in the next payout batch. Idempotency-Key supported.")
    @APIResponse(responseCode = "201", description = "The withdrawal, debited from the available balance; Idempotent-Replayed: true when this is the answer to an earlier identical request", content = @Content(mediaType = "application/json", schema = @Schema(implementation = WithdrawalView.class)), headers = { @Header(name = "Idempotent-Replayed", description = "true when this answers an earlier request with the same Idempotency-Key", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "true")), @Header(name = "Location", description = "The new resource", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)) })
    public Uni<Response> withdraw(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull WithdrawalRequest request, @Context UriInfo uri) {
        String key = Idempotency.checkKey(idempotencyKey);
        return payouts.request(caller.subject(), key, request.amount(), WithdrawalView.class, WithdrawalView::of)
                .map(outcome -> outcome.created(URI.create(uri.getPath() + "/" + outcome.value().id())));
    }

    @GET
    @Operation(operationId = "listWithdrawals", summary = "The caller's withdrawals, newest first")
    public Uni<Page<WithdrawalView>> mine(@BeanParam PageParams paging) {
        return queries.ofOwner(caller.subject(), paging.request()).map(paging.toPage(WithdrawalView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A withdrawal (its owner or an operator)")
    public Uni<WithdrawalView> get(@PathParam("id") UUID id) {
        return payouts.get(id, caller.subject(), caller.isOperator()).map(WithdrawalView::of);
    }
}
