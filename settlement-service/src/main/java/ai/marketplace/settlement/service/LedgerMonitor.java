package ai.marketplace.settlement.service;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.scheduling.TimerPass;
import ai.marketplace.settlement.client.Contracts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Exposes what the operators' alerts watch (deploy/kubernetes PrometheusRule): the chain head against the block
 * deposits are credited to, the reconciliation difference, and whether the ledger invariants hold.
 */
@ApplicationScoped
public class LedgerMonitor {

    private static final Logger LOG = Logger.getLogger(LedgerMonitor.class);

    private final LedgerAudit audit;
    private final ChainQueries deposits;
    private final Contracts contracts;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong finalBlock = new AtomicLong();
    private final Finality finality;
    private final AtomicLong credited = new AtomicLong();
    private final AtomicReference<Double> difference = new AtomicReference<>(0d);
    private final AtomicLong invariantOk = new AtomicLong(1);

    public LedgerMonitor(LedgerAudit audit, ChainQueries deposits, Contracts contracts,
            MeterRegistry registry, Finality finality) {
        this.finality = finality;
        Gauge.builder("marketplace.chain.final.block", finalBlock, AtomicLong::get)
                .description("Newest block settlement treats as final (finalized tag or depth)").register(registry);
        this.audit = audit;
        this.deposits = deposits;
        this.contracts = contracts;
        Gauge.builder("marketplace.chain.head.block", head, AtomicLong::get).description("Latest block of the custody chain").register(registry);
        Gauge.builder("marketplace.chain.deposits.credited.block", credited, AtomicLong::get)
                .description("Last block whose deposits are credited").register(registry);
        Gauge.builder("marketplace.reconciliation.difference", difference, AtomicReference::get)
                .description("Treasury token balance minus (custody + pending payouts), base units").register(registry);
        Gauge.builder("marketplace.ledger.invariant.ok", invariantOk, AtomicLong::get)
                .description("1 when Σ balances = 0, none negative, balances = journal, holds = escrow").register(registry);
    }

    @Scheduled(identity = "ledger-monitor", every = "${marketplace.settlement.monitor-interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        Uni<Void> invariants = audit.invariants().invoke(i -> invariantOk.set(i.ok() ? 1 : 0)).replaceWithVoid();
        Uni<Void> chain = finality.view().invoke(v -> {
            head.set(v.head());
            finalBlock.set(Math.max(0, v.finalBlock()));
        })
                .chain(() -> deposits.cursor()).invoke(c -> credited.set(c.block())).replaceWithVoid();
        Uni<Void> reconciliation = contracts.ready()
                ? audit.reconciliation().invoke(r -> difference.set(Double.parseDouble(r.difference()))).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return TimerPass.guarded(LOG, "Ledger monitor pass", invariants.chain(() -> chain).chain(() -> reconciliation));
    }
}
