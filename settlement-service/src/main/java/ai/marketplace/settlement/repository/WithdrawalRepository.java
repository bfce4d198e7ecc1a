package ai.marketplace.settlement.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.settlement.domain.Withdrawal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class WithdrawalRepository implements PanacheRepositoryBase<Withdrawal, UUID> {

    /** Waiting withdrawals, oldest first, claimed for one batch. */
    public Uni<List<Withdrawal>> claimWaiting(int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select * from withdrawal where state = 'REQUESTED' order by created_at limit :n for update skip locked""",
                Withdrawal.class).setParameter("n", limit).getResultList());
    }

    public Uni<List<Withdrawal>> inBatch(UUID batch) {
        return list("batchId = :b order by createdAt", Parameters.with("b", batch));
    }

    public Uni<List<Withdrawal>> pageByOwner(String owner, TimeIdKey after, int fetchSize) {
        return TimeIdKey.newestFirst(this, "ownerId", owner, after, fetchSize);
    }

    public Uni<Void> insertBatch(UUID id, byte[] ref, UUID chainTx, int recipients, java.math.BigInteger total) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into payout_batch (id, batch_ref, chain_tx, recipients, total, state, created_at, updated_at)
                values (:id, :ref, :tx, :n, :total, 'SENT', now(), now())""")
                .setParameter("id", id).setParameter("ref", ref).setParameter("tx", chainTx).setParameter("n", recipients)
                .setParameter("total", new java.math.BigDecimal(total)).executeUpdate()).replaceWithVoid();
    }

    /** The batch paid by a chain transaction, if any. */
    public Uni<UUID> batchOf(UUID chainTx) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select id from payout_batch where chain_tx = :tx", UUID.class)
                .setParameter("tx", chainTx).getResultList()).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<Void> batchSettled(UUID batch, boolean success) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "update payout_batch set state = :st, updated_at = now() where id = :id")
                .setParameter("st", success ? "COMPLETED" : "FAILED").setParameter("id", batch).executeUpdate())
                .replaceWithVoid();
    }
}
