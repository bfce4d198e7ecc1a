package ai.marketplace.settlement.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.settlement.service.ChainQueries;
import ai.marketplace.settlement.service.ChainStatusView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/chain")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chain", description = "The EVM chain that holds custody")
public class ChainResource {

    @Inject ChainQueries chain;

    @GET
    @Path("/status")
    @Authenticated
    @Operation(operationId = "getChainStatus", summary = "The custody chain: id, latest block, contracts, and how far deposits are credited")
    public Uni<ChainStatusView> status() {
        return chain.status();
    }
}
