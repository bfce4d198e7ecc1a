package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.AbuseReport;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AbuseReportRepository implements PanacheRepositoryBase<AbuseReport, UUID> {

    /** Oldest first: a moderation queue is worked from the front. */
    public Uni<List<AbuseReport>> queue(AbuseReport.State state, TimeIdKey after, int fetchSize) {
        if (after == null) {
            return find("state = :s order by createdAt, id", Parameters.with("s", state)).page(0, fetchSize).list();
        }
        return find("state = :s and (createdAt > :at or (createdAt = :at and id > :id)) order by createdAt, id",
                Parameters.with("s", state).and("at", after.at()).and("id", after.id())).page(0, fetchSize).list();
    }

    public Uni<Boolean> openBy(UUID assetId, String reporter) {
        return count("assetId = :a and reporterId = :r and state = ai.marketplace.catalog.domain.AbuseReport.State.OPEN",
                Parameters.with("a", assetId).and("r", reporter)).map(n -> n > 0);
    }
}
