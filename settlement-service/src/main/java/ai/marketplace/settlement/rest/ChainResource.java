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
import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.settlement.rest.api.ChainStatusView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/chain")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chain", description = "The EVM chain that holds custody")
public class ChainResource {

    private final ChainRpcClient chain;
    private final ChainConfig config;

    public ChainResource(ChainRpcClient chain, ChainConfig config) {
        this.chain = chain;
        this.config = config;
    }

    @GET
    @Path("/status")
    @Authenticated
    @SecurityRequirement(name = "oidc")
    @Operation(summary = "Chain id and latest block of the custody chain")
    public Uni<ChainStatusView> status() {
        return chain.status()
                .map(s -> new ChainStatusView(s.chainId(), config.chainId(), s.chainId() == config.chainId(),
                        s.blockNumber().toString()))
                .onFailure(ChainRpcClient.ChainUnavailableException.class)
                .transform(e -> new ProblemException(503, "chain-unavailable", "Chain unavailable", e.getMessage()));
    }
}
