package ai.marketplace.compute.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.compute.domain.MarketFilter;
import ai.marketplace.compute.domain.Offer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {

    /**
     * Takes {@code gpus} of the offer's capacity if it is ONLINE and has them. Under READ COMMITTED concurrent
     * updates of the row wait for each other and the condition is re-checked on the newest version, so no
     * interleaving oversubscribes (and {@code allocated_gpus <= gpu_count} is a check constraint as well).
     * It bumps the version: a withdrawal or revision that read the offer before this reservation then fails its
     * versioned update (409/412) instead of landing on an offer that has just been leased.
     *
     * @return whether the capacity was taken
     */
    public Uni<Boolean> reserve(UUID offerId, int gpus) {
        return update("""
                update offer set allocated_gpus = allocated_gpus + :gpus, version = version + 1
                where id = :id and state = 'ONLINE' and allocated_gpus + :gpus <= gpu_count""", offerId, gpus)
                .map(n -> n == 1);
    }

    /** Gives back what a lease reserved, in the transaction that ends the lease. */
    public Uni<Void> release(UUID offerId, int gpus) {
        return update("update offer set allocated_gpus = allocated_gpus - :gpus where id = :id", offerId, gpus)
                .invoke(n -> {
                    if (n != 1) {
                        throw new IllegalStateException("offer " + offerId + " vanished while it had leases");
                    }
                }).replaceWithVoid();
    }

    /**
     * Records a node agent's heartbeat without touching the offer's version (a heartbeat must not invalidate the
     * provider's ETag). Withdrawn offers take none.
     *
     * @return whether the offer exists, belongs to the provider and is not withdrawn
     */
    public Uni<Boolean> heartbeat(UUID offerId, String providerId, boolean healthy, Integer freeGpus, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                update offer set last_heartbeat_at = greatest(last_heartbeat_at, :at), healthy = :healthy,
                    reported_free_gpus = :free
                where id = :id and provider_id = :provider and state <> 'WITHDRAWN'""")
                .setParameter("at", at).setParameter("healthy", healthy).setParameter("free", freeGpus)
                .setParameter("id", offerId).setParameter("provider", providerId).executeUpdate())
                .map(n -> n == 1);
    }

    /** Writes pending changes and reads back what the database computed (the ranking price). */
    public Uni<Offer> flushAndRefresh(Offer o) {
        return Panache.getSession().chain(s -> s.flush().chain(() -> s.refresh(o))).replaceWith(o);
    }

    /** Re-ranks a provider's offers after its reputation score changed. */
    public Uni<Integer> rerank(String providerId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                update offer set rank_price = offer_rank_price(price_per_gpu_hour,
                    (select score from provider_score where provider_id = :provider))
                where provider_id = :provider""").setParameter("provider", providerId).executeUpdate());
    }

    private Uni<Integer> update(String sql, UUID offerId, int gpus) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("gpus", gpus)
                .setParameter("id", offerId).executeUpdate());
    }

    /** ONLINE offers, responsive or not: matching counts the silent ones to explain why they were left out. */
    /**
     * The best-ranked ONLINE offers (of {@code gpuModel}, when asked), at most {@code limit}: what a request by
     * requirements is matched against, so the work of one request does not grow with the market.
     */
    public Uni<List<Offer>> candidates(String gpuModel, int limit) {
        String where = "state = ai.marketplace.compute.domain.OfferState.ONLINE" + (gpuModel == null ? "" : " and gpuModel = :model");
        Parameters p = gpuModel == null ? new Parameters() : Parameters.with("model", gpuModel);
        return find(where + " order by rankPrice nulls last, id", p).page(0, limit).list();
    }

    /** The market hides offers that cannot take a lease now: not ONLINE, unhealthy or silent. */
    public Uni<List<Offer>> market(MarketFilter f, OffsetDateTime staleBefore, BigDecimal afterRank, UUID afterId, int fetchSize) {
        StringBuilder q = new StringBuilder("state = ai.marketplace.compute.domain.OfferState.ONLINE"
                + " and healthy = true and lastHeartbeatAt >= :stale");
        Parameters p = Parameters.with("stale", staleBefore);
        if (f.gpuModel() != null) {
            q.append(" and gpuModel = :model");
            p.and("model", f.gpuModel());
        }
        if (f.minVramGb() != null) {
            q.append(" and vramGb >= :vram");
            p.and("vram", f.minVramGb());
        }
        if (f.region() != null) {
            q.append(" and region = :region");
            p.and("region", f.region());
        }
        if (f.maxPrice() != null) {
            q.append(" and pricePerGpuHour <= :maxPrice");
            p.and("maxPrice", f.maxPrice());
        }
        if (f.minAvailableGpus() != null) {
            q.append(" and gpuCount - allocatedGpus >= :avail");
            p.and("avail", f.minAvailableGpus());
        }
        if (afterId != null) {
            q.append(" and (rankPrice > :ar or (rankPrice = :ar and id > :aid))");
            p.and("ar", afterRank).and("aid", afterId);
        }
        q.append(" order by rankPrice, id");
        return find(q.toString(), p).page(0, fetchSize).list();
    }

    public Uni<List<Offer>> pageByProvider(String providerId, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, "providerId", providerId, after, fetchSize);
    }
}
