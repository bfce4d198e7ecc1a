package ai.marketplace.settlement.service;

import java.math.BigDecimal;
import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.service.LedgerReports.Invariants;
import ai.marketplace.settlement.service.LedgerReports.Reconciliation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Operator checks: the ledger against itself, and custody against the chain. */
@ApplicationScoped
public class LedgerAudit {

    private final ChainRpcClient rpc;
    private final Contracts contracts;

    public LedgerAudit(ChainRpcClient rpc, Contracts contracts) {
        this.rpc = rpc;
        this.contracts = contracts;
    }

    @WithSession
    public Uni<Invariants> invariants() {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select (select coalesce(sum(balance), 0) from account),
                       (select count(*) from account where kind <> 'CHAIN_CUSTODY' and balance < 0),
                       (select count(*) from account a where a.balance <>
                            coalesce((select sum(amount) from transfer where credit_account = a.id), 0)
                          - coalesce((select sum(amount) from transfer where debit_account = a.id), 0)),
                       (select coalesce(sum(balance), 0) from account where kind = 'HOLD'),
                       (select coalesce(sum(amount), 0) from hold where state = 'HELD'),
                       (select count(*) from transfer)""", Object[].class).getSingleResult())
                .map(r -> {
                    BigDecimal sum = (BigDecimal) r[0];
                    long negative = ((Number) r[1]).longValue();
                    long drifting = ((Number) r[2]).longValue();
                    BigDecimal held = (BigDecimal) r[3];
                    BigDecimal open = (BigDecimal) r[4];
                    boolean ok = sum.signum() == 0 && negative == 0 && drifting == 0 && held.compareTo(open) == 0;
                    return new Invariants(ok, sum.toPlainString(), negative, drifting, held.toPlainString(),
                            open.toPlainString(), ((Number) r[5]).longValue());
                });
    }

    @WithSession
    public Uni<Reconciliation> reconciliation() {
        if (!contracts.ready()) {
            throw new ProblemException(503, "chain-not-ready", "Chain contracts not resolved", contracts.problem());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select (select -balance from account where kind = 'CHAIN_CUSTODY'),
                       (select coalesce(sum(amount), 0) from withdrawal where state in ('REQUESTED', 'BATCHED'))""",
                Object[].class).getSingleResult())
                .chain(r -> rpc.ethCall(contracts.token(), TreasuryCodec.balanceOf(contracts.treasury())).map(hex -> {
                    BigInteger custody = ((BigDecimal) r[0]).toBigIntegerExact();
                    BigInteger pending = ((BigDecimal) r[1]).toBigIntegerExact();
                    BigInteger chain = TreasuryCodec.uint256(hex);
                    BigInteger difference = chain.subtract(custody.add(pending));
                    return new Reconciliation(difference.signum() == 0, chain.toString(), custody.toString(),
                            pending.toString(), difference.toString(), contracts.treasury(), contracts.token());
                }));
    }
}
