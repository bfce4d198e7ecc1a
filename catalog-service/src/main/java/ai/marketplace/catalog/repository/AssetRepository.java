package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AssetRepository implements PanacheRepositoryBase<Asset, UUID> {

    /** Keyset page of an owner's assets, newest first; {@code after} is the last (createdAt, id) seen. */
    public Uni<List<Asset>> pageByOwner(String ownerId, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, "ownerId", ownerId, after, fetchSize);
    }
}
