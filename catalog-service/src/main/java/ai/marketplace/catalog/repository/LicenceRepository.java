package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.Licence;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LicenceRepository implements PanacheRepositoryBase<Licence, UUID> {

    public Uni<List<Licence>> pageByHolder(String holderId, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, "holderId", holderId, after, fetchSize);
    }

}
