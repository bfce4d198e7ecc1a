package ai.marketplace.settlement.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.settlement.repository.DepositRepository;
import ai.marketplace.settlement.repository.DepositRepository.Cursor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DepositQueries {

    private final DepositRepository deposits;

    public DepositQueries(DepositRepository deposits) {
        this.deposits = deposits;
    }

    @WithSession
    public Uni<Cursor> cursor() {
        return deposits.cursor(DepositWatcher.CURSOR);
    }
}
