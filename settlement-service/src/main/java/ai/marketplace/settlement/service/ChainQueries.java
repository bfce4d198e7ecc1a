package ai.marketplace.settlement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.settlement.repository.DepositRepository;
import ai.marketplace.settlement.repository.DepositRepository.Cursor;
import io.smallrye.mutiny.Uni;

/** The custody chain as settlement sees it, and how far its deposits are credited. */
@ApplicationScoped
public class ChainQueries {

    @Inject DepositRepository deposits;
    @Inject ChainRpcClient chain;
    @Inject ChainConfig config;
    @Inject Contracts contracts;
    @Inject Transactions transactions;

    public Uni<Cursor> cursor() {
        return transactions.read(tx -> deposits.cursor(tx, DepositWatcher.CURSOR));
    }

    /** 503 when the node does not answer: the status is the chain's, not ours to guess. */
    public Uni<ChainStatusView> status() {
        return chain.status().chain(s -> cursor().map(c -> new ChainStatusView(s.chainId(), config.chainId(),
                s.chainId() == config.chainId(), s.blockNumber().toString(), contracts.token(), contracts.treasury(),
                config.finality().name(), config.confirmations(), c.block(), c.headSeen())))
                .onFailure(ChainRpcClient.ChainUnavailableException.class)
                .transform(e -> new ProblemException(503, "chain-unavailable", "Chain unavailable", e.getMessage()));
    }
}
