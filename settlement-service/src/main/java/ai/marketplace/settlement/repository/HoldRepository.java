package ai.marketplace.settlement.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.settlement.domain.Hold;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class HoldRepository implements PanacheRepositoryBase<Hold, UUID> {

    /** The hold of an order or lease, locked: the saga's steps for one correlation never interleave. */
    public Uni<Hold> lockFor(String type, UUID correlationId) {
        return find("correlationType = :t and correlationId = :c", Parameters.with("t", type).and("c", correlationId))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Hold>> pageByPayer(String payer, TimeIdKey after, int fetchSize) {
        if (after == null) {
            return find("payerId = :p order by createdAt desc, id desc", Parameters.with("p", payer)).page(0, fetchSize).list();
        }
        return find("payerId = :p and (createdAt < :at or (createdAt = :at and id < :id)) order by createdAt desc, id desc",
                Parameters.with("p", payer).and("at", after.at()).and("id", after.id())).page(0, fetchSize).list();
    }
}
