package ai.marketplace.settlement.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.settlement.domain.Hold;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class HoldRepository implements PanacheRepositoryBase<Hold, UUID> {

    /** The hold of an order, lease or stake, unlocked: the ledger functions lock it when they change it. */
    public Uni<Hold> findFor(CorrelationKind type, UUID correlationId) {
        return find("correlationType = :t and correlationId = :c", Parameters.with("t", type).and("c", correlationId))
                .firstResult();
    }

    public Uni<List<Hold>> pageByPayer(String payer, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, "payerId", payer, after, fetchSize);
    }
}
