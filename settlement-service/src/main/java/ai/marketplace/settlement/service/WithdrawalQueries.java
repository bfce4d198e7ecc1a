package ai.marketplace.settlement.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.settlement.domain.Withdrawal;
import ai.marketplace.settlement.repository.WithdrawalRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WithdrawalQueries {

    private final WithdrawalRepository withdrawals;

    public WithdrawalQueries(WithdrawalRepository withdrawals) {
        this.withdrawals = withdrawals;
    }

    @WithSession
    public Uni<Slice<Withdrawal>> ofOwner(String owner, PageRequest page) {
        return withdrawals.pageByOwner(owner, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Slice.of(rows, page, w -> TimeIdKey.cursor(w.createdAt(), w.id())));
    }
}
