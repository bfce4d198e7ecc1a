package ai.marketplace.compute.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LeaseRepository implements PanacheRepositoryBase<Lease, UUID> {

    /** Keyset page of a renter's leases, newest first. */
    public Uni<List<Lease>> pageByRenter(String renterId, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, "renterId", renterId, after, fetchSize);
    }

    /** Keyset page of the leases on a provider's offers, newest first. */
    public Uni<List<Lease>> pageByProvider(String providerId, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, "providerId", providerId, after, fetchSize);
    }


    /*
     * The timers' claims. FOR UPDATE SKIP LOCKED hands each due lease to exactly one replica's transaction;
     * after that transaction commits the lease is terminal and no longer due, so it is processed once.
     */

    /** REQUESTED leases settlement has not answered since {@code cutoff}. */
    public Uni<List<Lease>> claimUnanswered(OffsetDateTime cutoff, int limit) {
        return claim("""
                select * from lease where state = 'REQUESTED' and created_at < :cutoff
                order by created_at limit :limit for update skip locked""", cutoff, limit);
    }

    /** ACTIVE leases whose term ended by {@code now}. */
    public Uni<List<Lease>> claimEnded(OffsetDateTime now, int limit) {
        return claim("""
                select * from lease where state = 'ACTIVE' and ends_at <= :cutoff
                order by ends_at limit :limit for update skip locked""", now, limit);
    }

    /** Leases that ran and whose final-reading window has passed without being settled. */
    public Uni<List<Lease>> claimUnsettled(OffsetDateTime now, int limit) {
        return claim("""
                select * from lease where settled_at is null and settle_after is not null and settle_after <= :cutoff
                order by settle_after limit :limit for update skip locked""", now, limit);
    }

    /** ACTIVE leases on offers whose node agent has been silent since {@code cutoff}. */
    public Uni<List<Lease>> claimOnSilentOffers(OffsetDateTime cutoff, int limit) {
        return claim("""
                select l.* from lease l join offer o on o.id = l.offer_id
                where l.state = 'ACTIVE' and o.last_heartbeat_at < :cutoff
                order by l.activated_at limit :limit for update of l skip locked""", cutoff, limit);
    }

    private Uni<List<Lease>> claim(String sql, OffsetDateTime cutoff, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Lease.class)
                .setParameter("cutoff", cutoff).setParameter("limit", limit).getResultList());
    }
}
