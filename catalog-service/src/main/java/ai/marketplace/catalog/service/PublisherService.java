package ai.marketplace.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.Publisher;
import ai.marketplace.catalog.repository.PublisherRepository;
import ai.marketplace.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PublisherService {

    @Inject PublisherRepository publishers;

    /** Creates the caller's profile, or replaces it if {@code If-Match} names the current version. */
    @WithTransaction
    public Uni<Publisher> put(String owner, Long expectedVersion, String displayName, String description, String website,
            String payoutAddress) {
        return publishers.findById(owner).chain(existing -> {
            if (existing != null) {
                if (expectedVersion == null) {
                    throw new ProblemException(428, "precondition-required", "Precondition required",
                            "Your profile exists: send If-Match with its ETag to replace it");
                }
                if (existing.version() != expectedVersion) {
                    throw ProblemException.staleVersion("publisher profile", expectedVersion, existing.version());
                }
                existing.describe(displayName, description, website, payoutAddress);
                return publishers.flush().replaceWith(existing);
            }
            Publisher p = Publisher.create(owner);
            p.describe(displayName, description, website, payoutAddress);
            return publishers.persist(p);
        });
    }

    @WithSession
    public Uni<Publisher> get(String id) {
        return publishers.findById(id).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("Publisher", id);
            }
            return p;
        });
    }
}
