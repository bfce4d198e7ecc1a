package ai.marketplace.catalog.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.messaging.AssetCreated;
import ai.marketplace.catalog.repository.AssetRepository;
import ai.marketplace.catalog.rest.api.AssetView;
import ai.marketplace.catalog.rest.api.CreateAssetRequest;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AssetService {

    private final AssetRepository assets;
    private final Outbox outbox;

    public AssetService(AssetRepository assets, Outbox outbox) {
        this.assets = assets;
        this.outbox = outbox;
    }

    /** The draft and its {@code AssetCreated} event commit together or not at all. */
    @WithTransaction
    public Uni<AssetView> createDraft(String ownerId, CreateAssetRequest req) {
        Asset asset = Asset.draft(ownerId, req.kind(), req.name().strip(), req.summary(), req.task(), req.licence(),
                req.tags());
        return assets.persist(asset)
                .chain(a -> outbox.append("Asset", a.id().toString(), AssetCreated.NAME, AssetCreated.of(a)))
                .replaceWith(() -> AssetView.of(asset));
    }

    /** Drafts of others answer 404, not 403: their existence is not disclosed. */
    @WithSession
    public Uni<AssetView> get(UUID id, String viewer) {
        return assets.findById(id)
                .map(a -> {
                    if (a == null || !a.isVisibleTo(viewer)) {
                        throw ProblemException.notFound("Asset", id);
                    }
                    return AssetView.of(a);
                });
    }

    @WithSession
    public Uni<Page<AssetView>> listOwn(String ownerId, PageRequest page, UriInfo uri) {
        TimeIdKey after = TimeIdKey.after(page);
        return assets.pageByOwner(ownerId, after, page.fetchSize())
                .map(rows -> Page.of(rows, page, a -> TimeIdKey.cursor(a.createdAt(), a.id()), AssetView::of, uri));
    }
}
