package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.Order;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    /** Orders waiting for payment since before {@code cutoff}, claimed by one replica (skip locked). */
    public Uni<List<Order>> claimUnanswered(java.time.OffsetDateTime cutoff, int limit) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery("""
                select * from customer_order where state = 'PENDING_PAYMENT' and created_at < :cutoff
                order by created_at limit :limit for update skip locked""", Order.class)
                .setParameter("cutoff", cutoff).setParameter("limit", limit).getResultList());
    }

    /** @param party {@code buyerId} or {@code sellerId}: the orders the user placed, or those for their assets */
    public Uni<List<Order>> pageByParty(String party, String userId, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, party, userId, after, fetchSize);
    }
}
