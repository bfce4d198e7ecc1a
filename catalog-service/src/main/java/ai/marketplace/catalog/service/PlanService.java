package ai.marketplace.catalog.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.domain.AssetState;
import ai.marketplace.catalog.domain.PlanTerms;
import ai.marketplace.catalog.domain.PricingPlan;
import ai.marketplace.catalog.events.CatalogEvents.PricingPlanArchived;
import ai.marketplace.catalog.events.CatalogEvents.PricingPlanCreated;
import ai.marketplace.catalog.repository.AssetCache;
import ai.marketplace.catalog.repository.PricingPlanRepository;
import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Plans are created and archived, never edited: a new price is a new plan that replaces the old one. */
@ApplicationScoped
public class PlanService {

    @Inject PricingPlanRepository plans;
    @Inject AssetAccess access;
    @Inject Outbox outbox;
    @Inject AssetCache cache;

    @WithTransaction
    public Uni<PricingPlan> create(UUID assetId, String caller, PlanTerms r) {
        return access.forOwner(assetId, caller)
                .invoke(PlanService::mustTakePlans)
                .chain(a -> offer(assetId, r, null));
    }

    @WithTransaction
    public Uni<PricingPlan> archive(UUID assetId, UUID planId, String caller) {
        return access.forOwner(assetId, caller)
                .chain(a -> plan(assetId, planId))
                .invoke(PricingPlan::archive)
                .call(p -> plans.flush())
                .call(p -> outbox.append(Tx.session(), AssetService.AGGREGATE, assetId.toString(), PricingPlanArchived.NAME,
                        PricingPlanArchived.of(p)));
    }

    /** The new plan and the archiving of the old one commit together. */
    @WithTransaction
    public Uni<PricingPlan> replace(UUID assetId, UUID planId, String caller, PlanTerms r) {
        return access.forOwner(assetId, caller)
                .invoke(PlanService::mustTakePlans)
                .chain(a -> plan(assetId, planId))
                .invoke(PricingPlan::archive)
                .call(old -> outbox.append(Tx.session(), AssetService.AGGREGATE, assetId.toString(), PricingPlanArchived.NAME,
                        PricingPlanArchived.of(old)))
                .chain(old -> offer(assetId, r, old.id()));
    }

    /**
     * Active plans come from {@link AssetCache} when it holds them (the asset's visibility too); archived ones, for
     * the owner only, from the database. No session here: a hit needs none, and the repository opens one to load.
     */
    public Uni<List<PricingPlan>> list(UUID assetId, String viewer, boolean includeArchived) {
        return access.readable(assetId, viewer).chain(a -> includeArchived && a.isOwnedBy(viewer)
                ? plans.ofAsset(assetId, true)
                : cache.activePlans(assetId, id -> plans.ofAsset(id, false).map(List::copyOf)));
    }

    private Uni<PricingPlan> offer(UUID assetId, PlanTerms r, UUID replaces) {
        PricingPlan plan = PricingPlan.offer(assetId, r.type(), r.price(), r.unit(), r.periodDays(), replaces);
        return plans.persist(plan)
                .call(p -> outbox.append(Tx.session(), AssetService.AGGREGATE, assetId.toString(), PricingPlanCreated.NAME,
                        PricingPlanCreated.of(p)));
    }

    private Uni<PricingPlan> plan(UUID assetId, UUID planId) {
        return plans.findById(planId).map(p -> {
            if (p == null || !p.assetId().equals(assetId)) {
                throw new NotFound("Plan", planId);
            }
            return p;
        });
    }

    private static void mustTakePlans(Asset a) {
        if (a.state() == AssetState.DELISTED || a.state() == AssetState.DEPRECATED) {
            throw ProblemException.conflict("asset-frozen", "A " + a.state() + " asset takes no new plans");
        }
    }
}
