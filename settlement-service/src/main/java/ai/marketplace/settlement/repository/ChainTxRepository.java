package ai.marketplace.settlement.repository;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.settlement.domain.ChainTx;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ChainTxRepository implements PanacheRepositoryBase<ChainTx, UUID> {

    /**
     * The next nonce of {@code sender}, never handed out twice: the row lock serializes replicas, and the chain's
     * own count wins when something else used the key.
     */
    public Uni<Long> allocateNonce(String sender, BigInteger chainPending) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into chain_nonce (sender, next) values (:s, :n)
                on conflict (sender) do update set next = greatest(chain_nonce.next, excluded.next)""")
                .setParameter("s", sender).setParameter("n", chainPending.longValueExact()).executeUpdate()
                .chain(() -> s.createNativeQuery("update chain_nonce set next = next + 1 where sender = :s returning next - 1",
                        Long.class).setParameter("s", sender).getSingleResult()));
    }

    /** Open transactions, lowest nonce first, claimed by one tracker (replica) at a time. */
    public Uni<List<ChainTx>> claimOpen(int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select * from chain_tx where state in ('SIGNED', 'SENT') order by sender, nonce
                limit :n for update skip locked""", ChainTx.class).setParameter("n", limit).getResultList());
    }
}
