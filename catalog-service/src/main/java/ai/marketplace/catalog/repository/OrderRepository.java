package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.Order;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    public Uni<List<Order>> pageByBuyer(String buyerId, TimeIdKey after, int fetchSize) {
        if (after == null) {
            return find("buyerId = :b order by createdAt desc, id desc", Parameters.with("b", buyerId)).page(0, fetchSize).list();
        }
        return find("buyerId = :b and (createdAt < :at or (createdAt = :at and id < :id)) order by createdAt desc, id desc",
                Parameters.with("b", buyerId).and("at", after.at()).and("id", after.id())).page(0, fetchSize).list();
    }
}
