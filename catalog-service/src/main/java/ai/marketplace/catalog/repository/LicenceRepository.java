package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.Licence;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LicenceRepository implements PanacheRepositoryBase<Licence, UUID> {

    public Uni<List<Licence>> pageByHolder(String holderId, TimeIdKey after, int fetchSize) {
        if (after == null) {
            return find("holderId = :h order by createdAt desc, id desc", Parameters.with("h", holderId)).page(0, fetchSize).list();
        }
        return find("holderId = :h and (createdAt < :at or (createdAt = :at and id < :id)) order by createdAt desc, id desc",
                Parameters.with("h", holderId).and("at", after.at()).and("id", after.id())).page(0, fetchSize).list();
    }

}
