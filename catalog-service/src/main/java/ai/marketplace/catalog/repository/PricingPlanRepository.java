package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.PricingPlan;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class PricingPlanRepository implements PanacheRepositoryBase<PricingPlan, UUID> {

    public Uni<List<PricingPlan>> ofAsset(UUID assetId, boolean includeArchived) {
        return includeArchived
                ? list("assetId = :asset order by createdAt", Parameters.with("asset", assetId))
                : list("assetId = :asset and state = ai.marketplace.catalog.domain.PricingPlan.State.ACTIVE order by createdAt",
                        Parameters.with("asset", assetId));
    }

    public Uni<Long> countActive(UUID assetId) {
        return count("assetId = :asset and state = ai.marketplace.catalog.domain.PricingPlan.State.ACTIVE",
                Parameters.with("asset", assetId));
    }
}
