package ai.marketplace.settlement.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.security.Caller;
import ai.marketplace.settlement.rest.api.AccountApi.SuspenseDepositView;
import ai.marketplace.settlement.rest.api.AccountApi.SuspenseResolutionRequest;
import ai.marketplace.settlement.rest.api.AccountApi.SuspenseResolutionView;
import ai.marketplace.settlement.service.LedgerAudit;
import ai.marketplace.settlement.service.LedgerReports;
import ai.marketplace.settlement.service.LedgerReports.Invariants;
import ai.marketplace.settlement.service.LedgerReports.Reconciliation;
import ai.marketplace.settlement.service.ProofQueries;
import ai.marketplace.settlement.service.SuspenseService;
import ai.marketplace.settlement.service.TransferProof;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ledger", description = "Verifiable ledger: inclusion proofs, invariants, reconciliation with the chain")
public class LedgerResource {

    @Inject LedgerAudit audit;
    @Inject ProofQueries proofs;
    @Inject Caller caller;
    @Inject SuspenseService suspense;

    @GET
    @Path("/transfers/{id}/proof")
    @Authenticated
    @Operation(operationId = "getTransferProof", summary = "Merkle inclusion proof of a transfer against its on-chain anchor", description = "For the owners of the transfer's accounts and operators; 404 not-anchored-yet until its anchor is confirmed.")
    public Uni<TransferProof> proof(@PathParam("id") UUID id) {
        return proofs.proof(id, caller.subject(), caller.isOperator());
    }

    @GET
    @Path("/invariants")
    @RolesAllowed("operator")
    @Operation(operationId = "checkLedgerInvariants", summary = "Σ balances = 0, no negative balance, balances = journal, holds = escrow")
    public Uni<Invariants> invariants() {
        return audit.invariants();
    }

    @GET
    @Path("/suspense")
    @RolesAllowed("operator")
    @Operation(operationId = "listSuspenseDeposits", summary = "Deposits to no known reference, oldest first, waiting for an operator's decision")
    public Uni<List<SuspenseDepositView>> suspense(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return suspense.waiting(limit).map(list -> list.stream().map(SuspenseDepositView::of).toList());
    }

    @POST
    @Path("/suspense/{depositId}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(operationId = "resolveSuspenseDeposit", summary = "Resolve a deposit in SUSPENSE: credit it to a user, or refund it on chain", description = "CREDIT needs ownerId (the user's subject); REFUND pays toAddress, by default the address that sent it, in the next payout batch. Once per deposit: 409 deposit-not-in-suspense afterwards. The decision, the operator and the reason are kept on the deposit.")
    public Uni<SuspenseResolutionView> resolve(@PathParam("depositId") UUID depositId,
            @Valid @NotNull SuspenseResolutionRequest request) {
        return suspense.resolve(depositId, caller.subject(), new SuspenseService.Resolution(request.action(), request.ownerId(),
                request.toAddress(), request.reason())).map(SuspenseResolutionView::of);
    }

    @GET
    @Path("/platform-balances")
    @RolesAllowed("operator")
    @Operation(operationId = "getPlatformBalances", summary = "The platform's own accounts: fees earned (all fee shards), slashing insurance, deposits in suspense")
    public Uni<LedgerReports.PlatformBalances> platformBalances() {
        return audit.platformBalances();
    }

    @GET
    @Path("/reconciliation")
    @RolesAllowed("operator")
    @Operation(operationId = "getReconciliation", summary = "CHAIN_CUSTODY plus pending payouts against the treasury's token balance on chain")
    public Uni<Reconciliation> reconciliation() {
        return audit.reconciliation();
    }
}
