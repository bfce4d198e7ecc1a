package ai.marketplace.settlement.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.repository.StakeCommitmentRepository;
import io.smallrye.mutiny.Uni;

/** The attestation rounds validators' stakes are committed to, as reputation announces them. */
@ApplicationScoped
public class ValidatorRounds {

    private final StakeCommitmentRepository commitments;

    public ValidatorRounds(StakeCommitmentRepository commitments) {
        this.commitments = commitments;
    }

    public Uni<Void> committed(Tx tx, String validator, UUID version) {
        return commitments.commit(tx, validator, version);
    }

    public Uni<Void> closed(Tx tx, UUID version) {
        return commitments.roundClosed(tx, version);
    }
}
