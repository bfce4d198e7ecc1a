package ai.marketplace.catalog.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.config.CatalogConfig;
import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.domain.AssetState;
import ai.marketplace.catalog.domain.AssetVersion;
import ai.marketplace.catalog.domain.Lineage;
import ai.marketplace.catalog.domain.Metric;
import ai.marketplace.catalog.domain.NewVersion;
import ai.marketplace.catalog.domain.VersionReference;
import ai.marketplace.catalog.domain.VersionReference.Relation;
import ai.marketplace.catalog.events.CatalogEvents.AssetVersionPublished;
import ai.marketplace.catalog.repository.AssetRepository;
import ai.marketplace.catalog.repository.AssetVersionRepository;
import ai.marketplace.catalog.repository.LineageRepository;
import ai.marketplace.catalog.repository.VersionReferenceRepository;
import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/**
 * Versions and their lineage. A version may only name published versions as parents, its references are fixed
 * when it is created, and published versions never change: so a reference can never close a cycle.
 */
@ApplicationScoped
public class VersionService {

    @Inject AssetVersionRepository versions;
    @Inject VersionReferenceRepository references;
    @Inject AssetRepository assets;
    @Inject LineageRepository lineage;
    @Inject AssetAccess access;
    @Inject Outbox outbox;
    @Inject CatalogConfig config;

    /** A version with the published versions it was derived from and trained on. */
    public record Version(AssetVersion version, List<UUID> derivedFrom, List<UUID> trainedOn) {
    }

    @WithTransaction
    public Uni<Version> add(UUID assetId, String caller, NewVersion r) {
        String storageUri = checkStorageUri(r.storageUri());
        Map<UUID, Relation> parents = new LinkedHashMap<>();
        Map<UUID, String> fieldOf = new LinkedHashMap<>();
        List<UUID> derived = r.derivedFrom() == null ? List.of() : r.derivedFrom();
        List<UUID> trained = r.trainedOn() == null ? List.of() : r.trainedOn();
        for (int i = 0; i < derived.size(); i++) {
            fieldOf.putIfAbsent(derived.get(i), "body.derivedFrom[" + i + "]");
        }
        for (int i = 0; i < trained.size(); i++) {
            fieldOf.putIfAbsent(trained.get(i), "body.trainedOn[" + i + "]");
        }
        return access.forOwner(assetId, caller)
                .invoke(a -> {
                    if (a.state() == AssetState.DELISTED || a.state() == AssetState.DEPRECATED) {
                        throw ProblemException.conflict("asset-frozen", "A " + a.state() + " asset takes no new versions");
                    }
                })
                .call(a -> versions.semverTaken(assetId, r.semver()).invoke(taken -> {
                    if (taken) {
                        throw ProblemException.conflict("version-exists", "Version " + r.semver() + " already exists for this asset");
                    }
                }))
                .call(a -> checkParents(caller, fieldOf))
                .chain(a -> {
                    List<Metric> metrics = r.metrics() == null ? List.of() : r.metrics();
                    AssetVersion v = AssetVersion.draft(assetId, r.semver(), r.digest().toLowerCase(Locale.ROOT),
                            r.cid(), r.sizeBytes(), storageUri, r.format(), metrics);
                    List<VersionReference> refs = new ArrayList<>();
                    derived.stream().distinct().forEach(p -> refs.add(new VersionReference(v.id(), p, Relation.DERIVED_FROM)));
                    trained.stream().distinct().forEach(p -> refs.add(new VersionReference(v.id(), p, Relation.TRAINED_ON)));
                    return versions.persist(v)
                            .call(() -> refs.isEmpty() ? Uni.createFrom().voidItem() : references.persist(refs))
                            .map(saved -> new Version(saved, derived.stream().distinct().toList(),
                                    trained.stream().distinct().toList()));
                });
    }

    /** Every parent must exist, be published, and belong to a public asset or one of the caller's own. */
    private Uni<Void> checkParents(String caller, Map<UUID, String> fieldOf) {
        if (fieldOf.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = List.copyOf(fieldOf.keySet());
        return versions.list("id in :ids", Parameters.with("ids", ids)).chain(found -> {
            Map<UUID, AssetVersion> byId = new LinkedHashMap<>();
            found.forEach(v -> byId.put(v.id(), v));
            Set<UUID> assetIds = new HashSet<>();
            found.forEach(v -> assetIds.add(v.assetId()));
            return assets.list("id in :ids", Parameters.with("ids", List.copyOf(assetIds))).invoke(owners -> {
                Map<UUID, Asset> assetById = new LinkedHashMap<>();
                owners.forEach(a -> assetById.put(a.id(), a));
                for (UUID id : ids) {
                    AssetVersion v = byId.get(id);
                    Asset a = v == null ? null : assetById.get(v.assetId());
                    if (v == null || a == null || !(a.isPublic() || a.isOwnedBy(caller))) {
                        throw ProblemException.invalid(fieldOf.get(id), "version " + id + " does not exist");
                    }
                    if (!v.isPublished()) {
                        throw ProblemException.invalid(fieldOf.get(id), "version " + id
                                + " is not published; only published (immutable) versions can be referenced");
                    }
                }
            }).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<Version> publish(UUID assetId, UUID versionId, String caller) {
        return access.forOwner(assetId, caller)
                .chain(a -> versions.findById(versionId).map(v -> {
                    if (v == null || !v.assetId().equals(assetId)) {
                        throw new NotFound("Version", versionId);
                    }
                    v.publish();
                    return v;
                }).chain(v -> references.ofVersions(List.of(v.id())).chain(refs -> {
                    List<UUID> derived = parentsOf(refs, Relation.DERIVED_FROM);
                    List<UUID> trained = parentsOf(refs, Relation.TRAINED_ON);
                    return outbox.append(Tx.session(), AssetService.AGGREGATE, assetId.toString(), AssetVersionPublished.NAME,
                            AssetVersionPublished.of(v, a.ownerId(), derived, trained))
                            .replaceWith(new Version(v, derived, trained));
                })));
    }

    /** Draft versions are the owner's business only. */
    @WithSession
    public Uni<List<Version>> list(UUID assetId, String viewer) {
        return access.forViewer(assetId, viewer).chain(a -> versions.ofAsset(assetId).chain(all -> {
            List<AssetVersion> visible = all.stream().filter(v -> v.isPublished() || a.isOwnedBy(viewer)).toList();
            return references.ofVersions(visible.stream().map(AssetVersion::id).toList())
                    .map(refs -> visible.stream().map(v -> {
                        List<VersionReference> own = refs.stream().filter(x -> x.versionId().equals(v.id())).toList();
                        return new Version(v, parentsOf(own, Relation.DERIVED_FROM), parentsOf(own, Relation.TRAINED_ON));
                    }).toList());
        }));
    }

    /**
     * Edges reachable from the asset's versions within {@code depth} hops, through nodes the viewer may see:
     * drafts (assets or versions) of others are cut out together with what lies behind them.
     */
    @WithSession
    public Uni<Lineage> lineage(UUID assetId, String viewer, String direction, Integer depth) {
        LineageRepository.Direction dir;
        try {
            dir = LineageRepository.Direction.valueOf((direction == null ? "upstream" : direction).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("direction", "must be upstream or downstream");
        }
        int d = depth == null ? 3 : depth;
        if (d < 1 || d > config.maxLineageDepth()) {
            throw ProblemException.invalid("depth", "must be between 1 and " + config.maxLineageDepth());
        }
        return access.forViewer(assetId, viewer)
                .chain(a -> versions.ofAsset(assetId).chain(own -> lineage.walk(assetId, dir, d).map(edges -> {
                    Set<UUID> reached = new HashSet<>();
                    own.stream().filter(v -> v.isPublished() || a.isOwnedBy(viewer)).forEach(v -> reached.add(v.id()));
                    List<Lineage.Edge> out = new ArrayList<>();
                    for (LineageRepository.Edge e : edges) { // ordered by depth
                        UUID near = dir == LineageRepository.Direction.UPSTREAM ? e.childVersion() : e.parentVersion();
                        UUID far = dir == LineageRepository.Direction.UPSTREAM ? e.parentVersion() : e.childVersion();
                        boolean visible = visible(e.childAssetState(), e.childOwner(), e.childVersionState(), viewer)
                                && visible(e.parentAssetState(), e.parentOwner(), "PUBLISHED", viewer);
                        if (visible && reached.contains(near)) {
                            reached.add(far);
                            out.add(new Lineage.Edge(
                                    new Lineage.Node(e.childVersion(), e.childAsset(), e.childAssetName(), e.childSemver()),
                                    new Lineage.Node(e.parentVersion(), e.parentAsset(), e.parentAssetName(), e.parentSemver()),
                                    e.relation(), e.depth()));
                        }
                    }
                    return new Lineage(assetId, dir.name().toLowerCase(Locale.ROOT), d, out);
                })));
    }

    private static boolean visible(String assetState, String owner, String versionState, String viewer) {
        boolean mine = owner.equals(viewer);
        return mine || (!AssetState.DRAFT.name().equals(assetState) && "PUBLISHED".equals(versionState));
    }

    private static List<UUID> parentsOf(List<VersionReference> refs, Relation relation) {
        return refs.stream().filter(r -> r.relation() == relation).map(VersionReference::parentId).toList();
    }

    private String checkStorageUri(String raw) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("body.storageUri", "is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!config.storageSchemes().contains(scheme)) {
            throw ProblemException.invalid("body.storageUri", "must use one of the schemes " + config.storageSchemes().stream().sorted().toList());
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
            throw ProblemException.invalid("body.storageUri", "must name a host, bucket or CID after " + scheme + "://");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.invalid("body.storageUri", "must not contain credentials");
        }
        return uri.toString();
    }
}
