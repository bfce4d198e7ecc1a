package ai.marketplace.settlement.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.settlement.messaging.SettlementEvents;
import ai.marketplace.settlement.messaging.SettlementEvents.StakeLocked;
import ai.marketplace.settlement.messaging.SettlementEvents.StakeReleased;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.HoldRepository;
import ai.marketplace.settlement.rest.api.AccountApi.HoldView;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Validators' stakes: escrow holds of type STAKE, announced to reputation as StakeLocked / StakeReleased. */
@ApplicationScoped
public class StakeService {

    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final HoldService escrows;
    private final Outbox outbox;
    private final Idempotency idempotency;

    public StakeService(AccountRepository accounts, HoldRepository holds, HoldService escrows, Outbox outbox,
            Idempotency idempotency) {
        this.accounts = accounts;
        this.holds = holds;
        this.escrows = escrows;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<Idempotency.Outcome<HoldView>> lock(String validator, String key, Amount amount) {
        if (amount.isZero()) {
            throw ProblemException.invalid("body.amount", "must be greater than 0");
        }
        return idempotency.once(validator, key, Map.of("amount", amount.toString()), HoldView.class, () -> accounts
                .userAccount(validator).chain(a -> {
                    if (a == null) {
                        throw insufficient(amount, Amount.ZERO);
                    }
                    return accounts.lockBalance(a.id()).chain(available -> {
                        if (available.compareTo(amount.value()) < 0) {
                            throw insufficient(amount, new Amount(available));
                        }
                        UUID stakeId = UUID.randomUUID();
                        return escrows.escrow("STAKE", stakeId, validator, a.id(), amount)
                                .call(hold -> outbox.append(SettlementEvents.STAKE, stakeId.toString(), StakeLocked.NAME,
                                        new StakeLocked(stakeId, validator, amount)))
                                .map(HoldView::of);
                    });
                }));
    }

    @WithTransaction
    public Uni<HoldView> release(String validator, UUID stakeId) {
        return holds.lockFor("STAKE", stakeId).chain(hold -> {
            if (hold == null || !hold.payerId().equals(validator)) {
                throw ProblemException.notFound("Stake", stakeId);
            }
            if (!hold.isHeld()) {
                throw ProblemException.conflict("stake-released", "The stake was already released");
            }
            return escrows.releaseAll(hold)
                    .chain(() -> outbox.append(SettlementEvents.STAKE, stakeId.toString(), StakeReleased.NAME,
                            new StakeReleased(stakeId, validator, hold.amount())))
                    .replaceWith(HoldView.of(hold));
        });
    }

    private static ProblemException insufficient(Amount asked, Amount available) {
        return new ProblemException(409, "insufficient-funds", "Insufficient funds",
                "Staking " + asked + " needs that much available; " + available + " is")
                .with(Map.of("available", available.toString()));
    }
}
