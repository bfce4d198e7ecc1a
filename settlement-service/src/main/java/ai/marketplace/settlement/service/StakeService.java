package ai.marketplace.settlement.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.domain.HoldStep;
import ai.marketplace.settlement.domain.PostingOutcome;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.StakeLocked;
import ai.marketplace.settlement.events.SettlementEvents.StakeReleased;
import ai.marketplace.settlement.events.SettlementEvents.StakeSlashed;
import ai.marketplace.settlement.repository.HoldRepository;
import ai.marketplace.settlement.repository.Postings;
import ai.marketplace.settlement.repository.StakeCommitmentRepository;
import io.smallrye.mutiny.Uni;

/**
 * Validators' stakes: escrow holds of type STAKE, announced to reputation as StakeLocked / StakeReleased. A stake
 * that weighs in an attestation round reputation has not closed cannot be released; one whose validator was
 * outside a round's consensus is slashed to insurance (StakeSlashed).
 */
@ApplicationScoped
public class StakeService {

    @Inject Postings postings;
    @Inject HoldRepository holds;
    @Inject Ledger ledger;
    @Inject Outbox outbox;
    @Inject Idempotency idempotency;
    @Inject Transactions transactions;
    @Inject StakeCommitmentRepository commitments;

    /** The answer a repeated Idempotency-Key replays is stored as {@code present} shows the stake's hold. */
    public <V> Uni<Idempotency.Outcome<V>> lock(String validator, String key, Amount amount, Class<V> answer,
            Function<Hold, V> present) {
        if (amount.isZero()) {
            throw ProblemException.invalid("body.amount", "must be greater than 0");
        }
        UUID stakeId = UUID.randomUUID();
        return transactions.run(tx -> idempotency.once(tx, validator, key, Map.of("amount", amount.toString()), answer, () -> postings
                .apply(tx, HoldStep.place(CorrelationKind.STAKE, stakeId, validator, null, amount)).chain(placed -> {
                    if (!placed.placed()) {
                        throw insufficient(amount, placed.available());
                    }
                    return outbox.append(tx, SettlementEvents.STAKE, stakeId.toString(), StakeLocked.NAME,
                            new StakeLocked(stakeId, validator, amount))
                            .chain(() -> ledger.announce(tx, placed.lowBalances()))
                            .chain(() -> holds.find(tx, placed.holdId()))
                            .map(present);
                })));
    }

    public Uni<Hold> release(String validator, UUID stakeId) {
        return transactions.run(tx -> holds.findFor(tx, CorrelationKind.STAKE, stakeId).chain(hold -> {
            if (hold == null || !hold.payerId().equals(validator)) {
                throw ProblemException.notFound("Stake", stakeId);
            }
            return commitments.openRounds(tx, validator).chain(open -> {
                if (open > 0) {
                    throw new ProblemException(409, "stake-committed", "Stake committed to open rounds",
                            "The stake weighs in " + open + " attestation round(s) that have not closed; it can be released"
                                    + " once they have").with(Map.of("openRounds", open));
                }
                return postings.apply(tx, HoldStep.release(CorrelationKind.STAKE, stakeId));
            }).chain(released -> {
                // Checked under the function's lock: of two concurrent releases, one wins.
                if (released.outcome() != PostingOutcome.RELEASED) {
                    throw ProblemException.conflict("stake-released", "The stake was already released");
                }
                return outbox.append(tx, SettlementEvents.STAKE, stakeId.toString(), StakeReleased.NAME,
                        new StakeReleased(stakeId, validator, hold.amount().minus(hold.slashed())))
                        .chain(() -> ledger.announce(tx, released.lowBalances()))
                        .chain(() -> holds.find(tx, hold.id()));
            });
        }));
    }

    /** Reputation's AttestationSubmitted: the validator's stakes weigh in that round until it closes. */
    public Uni<Void> committed(Tx tx, String validator, UUID version) {
        return commitments.commit(tx, validator, version);
    }

    /** Reputation's AttestationRoundClosed: the round's validators may release their stakes again. */
    public Uni<Void> roundClosed(Tx tx, UUID version) {
        return commitments.roundClosed(tx, version);
    }

    /** A stake to slash and by how much, from reputation's ValidatorPenalised. */
    public record Penalty(UUID stakeId, Amount amount) {
    }

    /**
     * Moves each penalty (at most what is left of that stake) to insurance and announces StakeSlashed. A stake that
     * is not the validator's, or already released, loses nothing: the event names stakes, it does not choose them.
     */
    public Uni<Void> slash(Tx tx, String validator, UUID version, List<Penalty> penalties) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Penalty p : penalties) {
            chain = chain.chain(() -> holds.findFor(tx, CorrelationKind.STAKE, p.stakeId()).chain(hold -> {
                if (hold == null || !hold.payerId().equals(validator) || p.amount().isZero()) {
                    return Uni.createFrom().voidItem();
                }
                return postings.slash(tx, p.stakeId(), p.amount()).chain(s -> !s.took() ? Uni.createFrom().voidItem()
                        : outbox.append(tx, SettlementEvents.STAKE, p.stakeId().toString(), StakeSlashed.NAME,
                                new StakeSlashed(p.stakeId(), validator, s.slashed(), version)).replaceWithVoid());
            }));
        }
        return chain;
    }

    private static ProblemException insufficient(Amount asked, Amount available) {
        return new ProblemException(409, "insufficient-funds", "Insufficient funds",
                "Staking " + asked + " needs that much available; " + available + " is")
                .with(Map.of("available", available.toString()));
    }
}
