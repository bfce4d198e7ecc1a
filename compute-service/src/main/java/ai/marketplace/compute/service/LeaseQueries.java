package ai.marketplace.compute.service;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import ai.marketplace.compute.repository.LeaseRepository;
import ai.marketplace.compute.rest.api.LeaseView;
import ai.marketplace.platform.paging.Cursor;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LeaseQueries {

    private final LeaseRepository leases;

    public LeaseQueries(LeaseRepository leases) {
        this.leases = leases;
    }

    @WithSession
    public Uni<Page<LeaseView>> ofRenter(String renterId, PageRequest page, UriInfo uri) {
        OffsetDateTime afterAt = null;
        UUID afterId = null;
        if (page.cursor() != null) {
            try {
                afterAt = OffsetDateTime.parse(page.cursor().get("at"));
                afterId = UUID.fromString(page.cursor().get("id"));
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor of this list");
            }
        }
        return leases.pageByRenter(renterId, afterAt, afterId, page.fetchSize())
                .map(rows -> Page.of(rows, page,
                        l -> Cursor.of(Map.of("at", l.createdAt().toString(), "id", l.id().toString())),
                        LeaseView::of, uri));
    }
}
