package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.WithdrawalState;
import io.smallrye.mutiny.Uni;

/** The whole-ledger sums the audit compares: the invariants' raw figures and the custody the treasury must hold. */
@ApplicationScoped
public class AuditRepository {

    /** Σ balances, negative and drifting accounts, held in hold accounts vs open hold amounts (less slashes), journal size. */
    public record Sums(BigDecimal sum, long negativeAccounts, long driftingAccounts, BigDecimal heldInHolds,
            BigDecimal openHoldAmounts, long transfers) {
    }

    /** What the treasury's token balance must cover: custody, plus withdrawals debited but not yet paid. */
    public record Custody(BigInteger custody, BigInteger pendingPayouts) {
    }

    public Uni<Sums> sums(Tx tx) {
        return Sql.first(tx, """
                select (select coalesce(sum(balance), 0) from account) as sum,
                       (select count(*) from account where kind <> 'CHAIN_CUSTODY' and balance < 0) as negative,
                       (select count(*) from account a where a.balance <>
                            coalesce((select sum(amount) from transfer where credit_account = a.id), 0)
                          - coalesce((select sum(amount) from transfer where debit_account = a.id), 0)) as drifting,
                       (select coalesce(sum(balance), 0) from account where kind = 'HOLD') as held,
                       (select coalesce(sum(amount - slashed), 0) from hold where state = 'HELD') as open,
                       (select count(*) from transfer) as transfers""",
                r -> new Sums(r.getBigDecimal("sum"), r.getLong("negative"), r.getLong("drifting"), r.getBigDecimal("held"),
                        r.getBigDecimal("open"), r.getLong("transfers")));
    }

    /** The platform's own accounts: fees (all shards together), the slashing insurance, deposits in suspense. */
    public record PlatformBalances(BigInteger fees, int feeShards, BigInteger insurance, BigInteger suspense) {
    }

    public Uni<PlatformBalances> platformBalances(Tx tx) {
        return Sql.first(tx, """
                select coalesce(sum(balance) filter (where kind = 'PLATFORM_FEES'), 0) as fees,
                       count(*) filter (where kind = 'PLATFORM_FEES') as shards,
                       coalesce(sum(balance) filter (where kind = 'INSURANCE'), 0) as insurance,
                       coalesce(sum(balance) filter (where kind = 'SUSPENSE'), 0) as suspense
                from account where kind in ('PLATFORM_FEES', 'INSURANCE', 'SUSPENSE')""",
                r -> new PlatformBalances(r.getBigDecimal("fees").toBigIntegerExact(), r.getInteger("shards"),
                        r.getBigDecimal("insurance").toBigIntegerExact(), r.getBigDecimal("suspense").toBigIntegerExact()));
    }

    public Uni<Custody> custody(Tx tx) {
        return Sql.first(tx, """
                select (select -balance from account where kind = 'CHAIN_CUSTODY') as custody,
                       (select coalesce(sum(amount), 0) from withdrawal where state = any($1)) as pending""",
                r -> new Custody(r.getBigDecimal("custody").toBigIntegerExact(), r.getBigDecimal("pending").toBigIntegerExact()),
                (Object) Arrays.stream(WithdrawalState.values()).filter(WithdrawalState::isOpen).map(Enum::name)
                        .toArray(String[]::new));
    }
}
