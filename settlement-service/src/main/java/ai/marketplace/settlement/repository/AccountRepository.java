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

    /** Opens the user's account if it has none (the ledger function settles concurrent first uses). */
    public Uni<Account> openIfAbsent(String owner) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select cast(ledger_open_user_account(?1, ?2) as text)")
                .setParameter(1, owner).setParameter(2, Account.newDepositRef()).getSingleResult())
                .chain(id -> findById(UUID.fromString(id.toString())));
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
