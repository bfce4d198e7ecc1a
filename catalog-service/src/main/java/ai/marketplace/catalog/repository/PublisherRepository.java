package ai.marketplace.catalog.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.Publisher;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class PublisherRepository implements PanacheRepositoryBase<Publisher, String> {
}
