package ai.marketplace.reputation.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.reputation.domain.ProviderProfile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class ProviderProfileRepository implements PanacheRepositoryBase<ProviderProfile, String> {
}
