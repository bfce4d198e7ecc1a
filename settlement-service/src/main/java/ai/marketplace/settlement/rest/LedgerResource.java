package ai.marketplace.settlement.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.security.Caller;
import ai.marketplace.settlement.service.LedgerAudit;
import ai.marketplace.settlement.service.LedgerReports.Invariants;
import ai.marketplace.settlement.service.LedgerReports.Reconciliation;
import ai.marketplace.settlement.service.ProofQueries;
import ai.marketplace.settlement.service.TransferProof;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "oidc")
@Tag(name = "Ledger", description = "Verifiable ledger: inclusion proofs, invariants, reconciliation with the chain")
public class LedgerResource {

    private final LedgerAudit audit;
    private final ProofQueries proofs;
    private final Caller caller;

    public LedgerResource(LedgerAudit audit, ProofQueries proofs, Caller caller) {
        this.audit = audit;
        this.proofs = proofs;
        this.caller = caller;
    }

    @GET
    @Path("/transfers/{id}/proof")
    @Authenticated
    @Operation(summary = "Merkle inclusion proof of a transfer against its on-chain anchor", description = "For the owners of the transfer's accounts and operators; 404 not-anchored-yet until its anchor is confirmed.")
    public Uni<TransferProof> proof(@PathParam("id") UUID id) {
        return proofs.proof(id, caller.subject(), caller.isOperator());
    }

    @GET
    @Path("/invariants")
    @RolesAllowed("operator")
    @Operation(summary = "Σ balances = 0, no negative balance, balances = journal, holds = escrow")
    public Uni<Invariants> invariants() {
        return audit.invariants();
    }

    @GET
    @Path("/reconciliation")
    @RolesAllowed("operator")
    @Operation(summary = "CHAIN_CUSTODY plus pending payouts against the treasury's token balance on chain")
    public Uni<Reconciliation> reconciliation() {
        return audit.reconciliation();
    }
}
