package ai.marketplace.settlement.service;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.repository.AuditRepository;
import ai.marketplace.settlement.service.LedgerReports.Invariants;
import ai.marketplace.settlement.service.LedgerReports.Reconciliation;
import io.smallrye.mutiny.Uni;

/** Operator checks: the ledger against itself, and custody against the chain. */
@ApplicationScoped
public class LedgerAudit {

    @Inject ChainRpcClient rpc;
    @Inject Contracts contracts;
    @Inject AuditRepository audit;
    @Inject Transactions transactions;

    public Uni<Invariants> invariants() {
        return transactions.read(audit::sums).map(s -> {
            boolean ok = s.sum().signum() == 0 && s.negativeAccounts() == 0 && s.driftingAccounts() == 0
                    && s.heldInHolds().compareTo(s.openHoldAmounts()) == 0;
            return new Invariants(ok, s.sum().toPlainString(), s.negativeAccounts(), s.driftingAccounts(),
                    s.heldInHolds().toPlainString(), s.openHoldAmounts().toPlainString(), s.transfers());
        });
    }

    public Uni<LedgerReports.PlatformBalances> platformBalances() {
        return transactions.read(audit::platformBalances).map(b -> new LedgerReports.PlatformBalances(b.fees().toString(),
                b.feeShards(), b.insurance().toString(), b.suspense().toString()));
    }

    public Uni<Reconciliation> reconciliation() {
        if (!contracts.ready()) {
            throw new ProblemException(503, "chain-not-ready", "Chain contracts not resolved", contracts.problem());
        }
        return transactions.read(audit::custody)
                .chain(c -> rpc.ethCall(contracts.token(), TreasuryCodec.balanceOf(contracts.treasury())).map(hex -> {
                    BigInteger chain = TreasuryCodec.uint256(hex);
                    BigInteger difference = chain.subtract(c.custody().add(c.pendingPayouts()));
                    return new Reconciliation(difference.signum() == 0, chain.toString(), c.custody().toString(),
                            c.pendingPayouts().toString(), difference.toString(), contracts.treasury(), contracts.token());
                }));
    }
}
