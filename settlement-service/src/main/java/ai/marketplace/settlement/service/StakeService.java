package ai.marketplace.settlement.service;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.domain.PostingOutcome;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.StakeLocked;
import ai.marketplace.settlement.events.SettlementEvents.StakeReleased;
import ai.marketplace.settlement.repository.HoldRepository;
import ai.marketplace.settlement.repository.Postings;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Validators' stakes: escrow holds of type STAKE, announced to reputation as StakeLocked / StakeReleased. */
@ApplicationScoped
public class StakeService {

    private final Postings postings;
    private final HoldRepository holds;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Idempotency idempotency;

    public StakeService(Postings postings, HoldRepository holds, Ledger ledger, Outbox outbox, Idempotency idempotency) {
        this.postings = postings;
        this.holds = holds;
        this.ledger = ledger;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    @WithTransaction
    /** The answer a repeated Idempotency-Key replays is stored as {@code present} shows the stake's hold. */
    public <V> Uni<Idempotency.Outcome<V>> lock(String validator, String key, Amount amount, Class<V> answer,
            Function<Hold, V> present) {
        if (amount.isZero()) {
            throw ProblemException.invalid("body.amount", "must be greater than 0");
        }
        UUID stakeId = UUID.randomUUID();
        return idempotency.once(Tx.session(), validator, key, Map.of("amount", amount.toString()), answer, () -> postings
                .place(Tx.session(), CorrelationKind.STAKE, stakeId, validator, amount).chain(placed -> {
                    if (!placed.held()) {
                        throw insufficient(amount, placed.available());
                    }
                    return outbox.append(Tx.session(), SettlementEvents.STAKE, stakeId.toString(), StakeLocked.NAME,
                            new StakeLocked(stakeId, validator, amount))
                            .chain(() -> ledger.announce(Tx.session(), placed.lowBalances()))
                            .chain(() -> holds.findById(placed.holdId()))
                            .map(present);
                }));
    }

    @WithTransaction
    public Uni<Hold> release(String validator, UUID stakeId) {
        return holds.findFor(CorrelationKind.STAKE, stakeId).chain(hold -> {
            if (hold == null || !hold.payerId().equals(validator)) {
                throw ProblemException.notFound("Stake", stakeId);
            }
            return postings.release(Tx.session(), CorrelationKind.STAKE, stakeId).chain(released -> {
                // Checked under the function's lock: of two concurrent releases, one wins.
                if (released.outcome() != PostingOutcome.RELEASED) {
                    throw ProblemException.conflict("stake-released", "The stake was already released");
                }
                return outbox.append(Tx.session(), SettlementEvents.STAKE, stakeId.toString(), StakeReleased.NAME,
                        new StakeReleased(stakeId, validator, hold.amount()))
                        .chain(() -> ledger.announce(Tx.session(), released.lowBalances()))
                        // The function changed the row under the loaded entity.
                        .chain(() -> holds.getSession().chain(s -> s.refresh(hold)))
                        .replaceWith(hold);
            });
        });
    }

    private static ProblemException insufficient(Amount asked, Amount available) {
        return new ProblemException(409, "insufficient-funds", "Insufficient funds",
                "Staking " + asked + " needs that much available; " + available + " is")
                .with(Map.of("available", available.toString()));
    }
}
