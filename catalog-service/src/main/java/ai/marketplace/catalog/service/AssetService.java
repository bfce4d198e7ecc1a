package ai.marketplace.catalog.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.domain.AssetDetails;
import ai.marketplace.catalog.domain.AssetKind;
import ai.marketplace.catalog.events.AssetCreated;
import ai.marketplace.catalog.events.CatalogEvents.AssetDelisted;
import ai.marketplace.catalog.events.CatalogEvents.AssetDeprecated;
import ai.marketplace.catalog.events.CatalogEvents.AssetPublished;
import ai.marketplace.catalog.events.CatalogEvents.AssetUpdated;
import ai.marketplace.catalog.repository.AssetRepository;
import ai.marketplace.catalog.repository.AssetVersionRepository;
import ai.marketplace.catalog.repository.PricingPlanRepository;
import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** An asset's life: draft → published → deprecated, or delisted; every change commits with its event. */
@ApplicationScoped
public class AssetService {

    static final String AGGREGATE = "Asset";

    @Inject AssetRepository assets;
    @Inject AssetVersionRepository versions;
    @Inject PricingPlanRepository plans;
    @Inject AssetAccess access;
    @Inject Outbox outbox;

    /** The draft and its {@code AssetCreated} event commit together or not at all. */
    @WithTransaction
    public Uni<Asset> createDraft(String ownerId, AssetKind kind, AssetDetails details) {
        checkLicence(details);
        Asset asset = Asset.draft(ownerId, kind, details);
        return assets.persist(asset)
                .chain(a -> outbox.append(Tx.session(), AGGREGATE, a.id().toString(), AssetCreated.NAME, AssetCreated.of(a)))
                .replaceWith(asset);
    }

    /**
     * Drafts of others answer 404, not 403: their existence is not disclosed. The hottest read of the API, so
     * it loads no entity (docs/benchmarks.md, catalog reads).
     */
    public Uni<Asset> get(UUID id, String viewer) {
        return access.readable(id, viewer);
    }

    @WithSession
    public Uni<Slice<Asset>> listOwn(String ownerId, PageRequest page) {
        TimeIdKey after = TimeIdKey.after(page);
        return assets.pageByOwner(ownerId, after, page.fetchSize())
                .map(rows -> Slice.of(rows, page, a -> TimeIdKey.cursor(a.createdAt(), a.id())));
    }

    /**
     * Replaces the listing's text if the caller saw the current version ({@code If-Match}); a stale version is
     * a 412, and a concurrent writer between our read and our write a 409.
     */
    @WithTransaction
    public Uni<Asset> update(UUID id, String caller, long expectedVersion, AssetDetails details) {
        checkLicence(details);
        return access.forOwner(id, caller)
                .invoke(a -> {
                    a.ensureEditable();
                    if (a.version() != expectedVersion) {
                        throw ProblemException.staleVersion("asset", expectedVersion, a.version());
                    }
                    a.revise(details);
                })
                .call(a -> assets.flush())
                .call(a -> outbox.append(Tx.session(), AGGREGATE, a.id().toString(), AssetUpdated.NAME, AssetUpdated.of(a)));

    }

    /** Needs a published version and an active plan, so that what is on sale can be verified and bought. */
    @WithTransaction
    public Uni<Asset> publish(UUID id, String caller) {
        return access.forOwner(id, caller)
                .call(a -> versions.countPublished(id).invoke(n -> {
                    if (n == 0) {
                        throw ProblemException.conflict("asset-not-publishable",
                                "Publish at least one version of the asset first");
                    }
                }))
                .call(a -> plans.countActive(id).invoke(n -> {
                    if (n == 0) {
                        throw ProblemException.conflict("asset-not-publishable", "Add at least one pricing plan first");
                    }
                }))
                .invoke(Asset::publish)
                .call(a -> assets.flush())
                .call(a -> outbox.append(Tx.session(), AGGREGATE, a.id().toString(), AssetPublished.NAME, AssetPublished.of(a)));

    }

    @WithTransaction
    public Uni<Asset> deprecate(UUID id, String caller, UUID successorId) {
        Uni<Void> successorCheck = successorId == null ? Uni.createFrom().voidItem()
                : assets.findById(successorId).invoke(s -> {
                    if (s == null || !s.isPublic()) {
                        throw ProblemException.invalid("body.successorAssetId", "must be a published asset");
                    }
                }).replaceWithVoid();
        return access.forOwner(id, caller)
                .call(a -> successorCheck)
                .invoke(a -> a.deprecate(successorId))
                .call(a -> assets.flush())
                .call(a -> outbox.append(Tx.session(), AGGREGATE, a.id().toString(), AssetDeprecated.NAME, AssetDeprecated.of(a)));

    }

    /** By the owner, or by an operator (moderation); the event says which. */
    @WithTransaction
    public Uni<Asset> delist(UUID id, String caller, boolean operator, String reason) {
        Uni<Asset> target = operator
                ? assets.findById(id).map(a -> {
                    if (a == null) {
                        throw new NotFound("Asset", id);
                    }
                    return a;
                })
                : access.forOwner(id, caller);
        return target
                .invoke(a -> a.delist(reason))
                .call(a -> assets.flush())
                .call(a -> outbox.append(Tx.session(), AGGREGATE, a.id().toString(), AssetDelisted.NAME,
                        AssetDelisted.of(a, operator && !a.isOwnedBy(caller))));

    }

    private static void checkLicence(AssetDetails d) {
        if (d.licence() != null && d.licenceText() != null && !d.licenceText().isBlank()) {
            throw ProblemException.invalid("body.licenceText", "give either an SPDX licence id or a custom licence text, not both");
        }
    }
}
