package ai.marketplace.settlement.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.config.ChainConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Settlement cannot credit deposits or pay out without its chain, and must not run against the wrong one. */
@Readiness
@ApplicationScoped
public class ChainReadinessCheck implements AsyncHealthCheck {

    @Inject ChainRpcClient chain;
    @Inject ChainConfig config;
    @Inject ai.marketplace.settlement.client.Contracts contracts;

    @Override
    public Uni<HealthCheckResponse> call() {
        return chain.status()
                .map(s -> HealthCheckResponse.named("Chain RPC")
                        .status(s.chainId() == config.chainId() && contracts.ready())
                        .withData("treasury", String.valueOf(contracts.treasury()))
                        .withData("contracts", contracts.ready() ? "resolved" : contracts.problem())
                        .withData("chainId", s.chainId())
                        .withData("expectedChainId", config.chainId())
                        .withData("blockNumber", s.blockNumber().toString())
                        .build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("Chain RPC").down()
                        .withData("error", e.getMessage()).build());
    }
}
