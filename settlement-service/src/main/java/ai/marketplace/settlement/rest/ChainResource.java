package ai.marketplace.settlement.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.settlement.service.DepositQueries;
import ai.marketplace.settlement.rest.api.ChainStatusView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/chain")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chain", description = "The EVM chain that holds custody")
public class ChainResource {

    private final ChainRpcClient chain;
    private final ChainConfig config;
    private final Contracts contracts;
    private final DepositQueries deposits;

    public ChainResource(ChainRpcClient chain, ChainConfig config, Contracts contracts, DepositQueries deposits) {
        this.chain = chain;
        this.config = config;
        this.contracts = contracts;
        this.deposits = deposits;
    }

    @GET
    @Path("/status")
    @Authenticated
    @SecurityRequirement(name = "oidc")
    @Operation(summary = "The custody chain: id, latest block, contracts, and how far deposits are credited")
    public Uni<ChainStatusView> status() {
        return chain.status().chain(s -> deposits.cursor().map(c -> new ChainStatusView(s.chainId(), config.chainId(),
                s.chainId() == config.chainId(), s.blockNumber().toString(), contracts.token(), contracts.treasury(),
                config.confirmations(), c.block(), c.headSeen())))
                .onFailure(ChainRpcClient.ChainUnavailableException.class)
                .transform(e -> new ProblemException(503, "chain-unavailable", "Chain unavailable", e.getMessage()));
    }
}
