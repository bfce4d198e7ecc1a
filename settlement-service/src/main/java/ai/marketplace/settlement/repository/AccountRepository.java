package ai.marketplace.settlement.repository;

import java.math.BigInteger;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.settlement.domain.Account;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Uni<Account> userAccount(String owner) {
        return find("kind = 'USER' and ownerId = :o", Parameters.with("o", owner)).firstResult();
    }

    public Uni<Account> byDepositRef(byte[] ref) {
        return find("depositRef = :r", Parameters.with("r", ref)).firstResult();
    }

    public Uni<Account> byAddress(String address) {
        return find("chainAddress = :a", Parameters.with("a", address)).firstResult();
    }

    /**
     * Opens the user's account if it has none. Concurrent first uses race on the unique index; the loser's
     * insert does nothing and both read the winner's row.
     */
    public Uni<Account> openIfAbsent(String owner) {
        Account fresh = Account.openFor(owner);
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into account (id, kind, owner_id, deposit_ref, created_at) values (:id, 'USER', :owner, :ref, :at)
                on conflict (owner_id) where kind = 'USER' do nothing""")
                .setParameter("id", fresh.id()).setParameter("owner", owner).setParameter("ref", fresh.depositRef())
                .setParameter("at", fresh.createdAt()).executeUpdate())
                .chain(() -> userAccount(owner));
    }

    /** The balance as of now, written by the transfer trigger (never cached in the entity). */
    public Uni<BigInteger> balance(UUID account) {
        return scalar("select balance from account where id = :id", account);
    }

    /** The balance with the account row locked until the transaction ends: nothing else can debit it meanwhile. */
    public Uni<BigInteger> lockBalance(UUID account) {
        return scalar("select balance from account where id = :id for update", account);
    }

    private Uni<BigInteger> scalar(String sql, UUID account) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, java.math.BigDecimal.class)
                .setParameter("id", account).getSingleResult()).map(java.math.BigDecimal::toBigIntegerExact);
    }
}
