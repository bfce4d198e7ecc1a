package ai.marketplace.compute.service;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import ai.marketplace.compute.repository.LeaseRepository;
import ai.marketplace.compute.rest.api.LeaseView;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.TimeIdKey;
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
        TimeIdKey after = TimeIdKey.after(page);
        return leases.pageByRenter(renterId, after, page.fetchSize())
                .map(rows -> Page.of(rows, page, l -> TimeIdKey.cursor(l.createdAt(), l.id()), LeaseView::of, uri));
    }

    @WithSession
    public Uni<Page<LeaseView>> ofProvider(String providerId, PageRequest page, UriInfo uri) {
        TimeIdKey after = TimeIdKey.after(page);
        return leases.pageByProvider(providerId, after, page.fetchSize())
                .map(rows -> Page.of(rows, page, l -> TimeIdKey.cursor(l.createdAt(), l.id()), LeaseView::of, uri));
    }
}
