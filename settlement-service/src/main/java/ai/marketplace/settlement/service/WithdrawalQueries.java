package ai.marketplace.settlement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.settlement.domain.Withdrawal;
import ai.marketplace.settlement.repository.WithdrawalRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WithdrawalQueries {

    @Inject WithdrawalRepository withdrawals;

    @Inject Transactions transactions;

    public Uni<Slice<Withdrawal>> ofOwner(String owner, PageRequest page) {
        return transactions.read(tx -> withdrawals.pageByOwner(tx, owner, TimeIdKey.after(page), page.fetchSize()))
                .map(rows -> Slice.of(rows, page, w -> TimeIdKey.cursor(w.createdAt(), w.id())));
    }
}
