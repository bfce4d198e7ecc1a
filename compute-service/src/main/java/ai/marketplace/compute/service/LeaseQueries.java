package ai.marketplace.compute.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.compute.repository.LeaseRepository;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LeaseQueries {

    @Inject LeaseRepository leases;

    @WithSession
    public Uni<Slice<Lease>> ofRenter(String renterId, PageRequest page) {
        TimeIdKey after = TimeIdKey.after(page);
        return leases.pageByRenter(renterId, after, page.fetchSize())
                .map(rows -> Slice.of(rows, page, l -> TimeIdKey.cursor(l.createdAt(), l.id())));
    }

    @WithSession
    public Uni<Slice<Lease>> ofProvider(String providerId, PageRequest page) {
        TimeIdKey after = TimeIdKey.after(page);
        return leases.pageByProvider(providerId, after, page.fetchSize())
                .map(rows -> Slice.of(rows, page, l -> TimeIdKey.cursor(l.createdAt(), l.id())));
    }
}
