package ai.marketplace.compute.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LeaseRepository implements PanacheRepositoryBase<Lease, UUID> {

    /** Keyset page of a renter's leases, newest first. */
    public Uni<List<Lease>> pageByRenter(String renterId, TimeIdKey after, int fetchSize) {
        if (after == null) {
            return find("renterId = :renter order by createdAt desc, id desc", Parameters.with("renter", renterId))
                    .page(0, fetchSize).list();
        }
        return find("renterId = :renter and (createdAt < :at or (createdAt = :at and id < :id)) order by createdAt desc, id desc",
                Parameters.with("renter", renterId).and("at", after.at()).and("id", after.id()))
                .page(0, fetchSize).list();
    }
}
