package ai.marketplace.settlement.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.TransferRepository;
import io.smallrye.mutiny.Uni;

/** Proofs for the owners of a transfer's accounts (user or escrow) and for operators; 404 for anyone else. */
@ApplicationScoped
public class ProofQueries {

    @Inject TransferRepository transfers;
    @Inject AccountRepository accounts;
    @Inject Anchoring anchoring;
    @Inject Transactions transactions;

    public Uni<TransferProof> proof(UUID transferId, String caller, boolean operator) {
        return transactions.read(tx -> transfers.byId(tx, transferId).chain(t -> {
            if (t == null) {
                throw ProblemException.notFound("Transfer", transferId);
            }
            Uni<Boolean> allowed = operator ? Uni.createFrom().item(true)
                    : accounts.find(tx, t.debitAccount()).chain(d -> accounts.find(tx, t.creditAccount())
                            .map(c -> caller.equals(d.ownerId()) || caller.equals(c.ownerId())));
            return allowed.chain(ok -> {
                if (!ok) {
                    throw ProblemException.notFound("Transfer", transferId);
                }
                return anchoring.proof(tx, t);
            });
        }));
    }
}
