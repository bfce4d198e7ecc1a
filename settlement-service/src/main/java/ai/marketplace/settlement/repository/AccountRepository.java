package ai.marketplace.settlement.repository;

import java.math.BigInteger;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.Account;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Accounts. Balances are written only by the transfer trigger; this writes an owner's settings. */
@ApplicationScoped
public class AccountRepository {

    private static final String COLUMNS = """
            id, kind, owner_id, deposit_ref, chain_address, low_balance_threshold, low_balance_notified, created_at""";

    public Uni<Account> find(Tx tx, UUID id) {
        return Sql.first(tx, "select " + COLUMNS + " from account where id = $1", AccountRepository::account, id);
    }

    public Uni<Account> userAccount(Tx tx, String owner) {
        return Sql.first(tx, "select " + COLUMNS + " from account where kind = 'USER' and owner_id = $1",
                AccountRepository::account, owner);
    }

    public Uni<Account> byDepositRef(Tx tx, byte[] ref) {
        return Sql.first(tx, "select " + COLUMNS + " from account where deposit_ref = $1", AccountRepository::account, ref);
    }

    public Uni<Account> byAddress(Tx tx, String address) {
        return Sql.first(tx, "select " + COLUMNS + " from account where chain_address = $1", AccountRepository::account,
                address);
    }

    /** Opens the user's account if it has none (the ledger function settles concurrent first uses). */
    public Uni<Account> openIfAbsent(Tx tx, String owner) {
        // Two statements: a row the function inserts is not visible to the statement that called it.
        return Sql.first(tx, "select ledger_open_user_account($1, $2) as id", r -> r.getUUID("id"), owner, Account.newDepositRef())
                .chain(id -> find(tx, id));
    }

    /** The balance as of now, written by the transfer trigger. */
    public Uni<BigInteger> balance(Tx tx, UUID account) {
        return Sql.first(tx, "select balance from account where id = $1", r -> r.getBigDecimal("balance").toBigIntegerExact(),
                account);
    }

    /** The balance with the account row locked until the transaction ends: nothing else can debit it meanwhile. */
    public Uni<BigInteger> lockBalance(Tx tx, UUID account) {
        return Sql.first(tx, "select balance from account where id = $1 for update",
                r -> r.getBigDecimal("balance").toBigIntegerExact(), account);
    }

    /** What the account's owner holds in escrow, over all their open holds. */
    public Uni<BigInteger> held(Tx tx, String owner) {
        return Sql.first(tx, "select coalesce(sum(balance), 0) as held from account where kind = 'HOLD' and owner_id = $1",
                r -> r.getBigDecimal("held").toBigIntegerExact(), owner);
    }

    public Uni<Void> insertChallenge(Tx tx, UUID id, UUID account, String message, java.time.OffsetDateTime expires) {
        return Sql.update(tx, "insert into address_challenge (id, account_id, message, expires_at) values ($1, $2, $3, $4)",
                id, account, message, expires).replaceWithVoid();
    }

    /** Uses the account's challenge once, while it has not expired: its message, or null. */
    public Uni<String> useChallenge(Tx tx, UUID id, UUID account) {
        return Sql.first(tx, """
                update address_challenge set used = true
                where id = $1 and account_id = $2 and not used and expires_at > now() returning message""",
                r -> r.getString("message"), id, account);
    }

    public Uni<Void> saveAddress(Tx tx, Account a) {
        return Sql.update(tx, "update account set chain_address = $2, version = version + 1 where id = $1", a.id(),
                a.chainAddress()).replaceWithVoid();
    }

    /** The threshold and its re-armed warning; the ledger functions flip the flag when a posting crosses it. */
    public Uni<Void> saveThreshold(Tx tx, Account a) {
        return Sql.update(tx, """
                update account set low_balance_threshold = $2, low_balance_notified = $3, version = version + 1 where id = $1""",
                a.id(), a.lowBalanceThreshold() == null ? null : new java.math.BigDecimal(a.lowBalanceThreshold().value()),
                a.lowBalanceNotified()).replaceWithVoid();
    }

    private static Account account(Row r) {
        var ref = r.getBuffer("deposit_ref");
        return Account.restore(r.getUUID("id"), r.getString("kind"), r.getString("owner_id"), ref == null ? null : ref.getBytes(),
                r.getString("chain_address"), Sql.amount(r, "low_balance_threshold"),
                r.getBoolean("low_balance_notified"), r.getOffsetDateTime("created_at"));
    }
}
