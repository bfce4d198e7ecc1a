package ai.marketplace.settlement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.settlement.repository.WithdrawalRepository;
import ai.marketplace.settlement.rest.api.AccountApi.WithdrawalView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WithdrawalQueries {

    private final WithdrawalRepository withdrawals;

    public WithdrawalQueries(WithdrawalRepository withdrawals) {
        this.withdrawals = withdrawals;
    }

    @WithSession
    public Uni<Page<WithdrawalView>> ofOwner(String owner, PageRequest page, UriInfo uri) {
        return withdrawals.pageByOwner(owner, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Page.of(rows, page, w -> TimeIdKey.cursor(w.createdAt(), w.id()), WithdrawalView::of, uri));
    }
}
