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
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.domain.PostingOutcome;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.StakeLocked;
import ai.marketplace.settlement.events.SettlementEvents.StakeReleased;
import ai.marketplace.settlement.repository.HoldRepository;
import ai.marketplace.settlement.repository.Postings;
import io.smallrye.mutiny.Uni;

/** Validators' stakes: escrow holds of type STAKE, announced to reputation as StakeLocked / StakeReleased. */
@ApplicationScoped
public class StakeService {

    private final Postings postings;
    private final HoldRepository holds;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final Transactions transactions;

    public StakeService(Postings postings, HoldRepository holds, Ledger ledger, Outbox outbox, Idempotency idempotency,
            Transactions transactions) {
        this.transactions = transactions;
        this.postings = postings;
        this.holds = holds;
        this.ledger = ledger;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    /** The answer a repeated Idempotency-Key replays is stored as {@code present} shows the stake's hold. */
    public <V> Uni<Idempotency.Outcome<V>> lock(String validator, String key, Amount amount, Class<V> answer,
            Function<Hold, V> present) {
        if (amount.isZero()) {
            throw ProblemException.invalid("body.amount", "must be greater than 0");
        }
        UUID stakeId = UUID.randomUUID();
        return transactions.run(tx -> idempotency.once(tx, validator, key, Map.of("amount", amount.toString()), answer, () -> postings
                .place(tx, CorrelationKind.STAKE, stakeId, validator, amount, null).chain(placed -> {
                    if (!placed.held()) {
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
            return postings.release(tx, CorrelationKind.STAKE, stakeId).chain(released -> {
                // Checked under the function's lock: of two concurrent releases, one wins.
                if (released.outcome() != PostingOutcome.RELEASED) {
                    throw ProblemException.conflict("stake-released", "The stake was already released");
                }
                return outbox.append(tx, SettlementEvents.STAKE, stakeId.toString(), StakeReleased.NAME,
                        new StakeReleased(stakeId, validator, hold.amount()))
                        .chain(() -> ledger.announce(tx, released.lowBalances()))
                        .chain(() -> holds.find(tx, hold.id()));
            });
        }));
    }

    private static ProblemException insufficient(Amount asked, Amount available) {
        return new ProblemException(409, "insufficient-funds", "Insufficient funds",
                "Staking " + asked + " needs that much available; " + available + " is")
                .with(Map.of("available", available.toString()));
    }
}
