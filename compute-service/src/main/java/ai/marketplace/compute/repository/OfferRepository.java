package ai.marketplace.compute.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.compute.domain.Offer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {

    /** Market filters; null means "any". Cheapest first, ties by id, keyset after (price, id). */
    public record Filter(String gpuModel, Integer minVramGb, String region, Amount maxPrice, Integer minAvailableGpus) {
    }

    public Uni<List<Offer>> market(Filter f, Amount afterPrice, UUID afterId, int fetchSize) {
        StringBuilder q = new StringBuilder("state = ai.marketplace.compute.domain.OfferState.ONLINE");
        Parameters p = new Parameters();
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
            q.append(" and (pricePerGpuHour > :ap or (pricePerGpuHour = :ap and id > :aid))");
            p.and("ap", afterPrice).and("aid", afterId);
        }
        q.append(" order by pricePerGpuHour, id");
        return find(q.toString(), p).page(0, fetchSize).list();
    }

    public Uni<List<Offer>> pageByProvider(String providerId, TimeIdKey after, int fetchSize) {
        if (after == null) {
            return find("providerId = :p order by createdAt desc, id desc", Parameters.with("p", providerId)).page(0, fetchSize).list();
        }
        return find("providerId = :p and (createdAt < :at or (createdAt = :at and id < :id)) order by createdAt desc, id desc",
                Parameters.with("p", providerId).and("at", after.at()).and("id", after.id())).page(0, fetchSize).list();
    }
}
