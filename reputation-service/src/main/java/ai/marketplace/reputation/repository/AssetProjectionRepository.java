package ai.marketplace.reputation.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.reputation.domain.AssetProjection;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class AssetProjectionRepository implements PanacheRepositoryBase<AssetProjection, UUID> {
}
