package ai.marketplace.settlement.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import ai.marketplace.testsupport.postgres.EmbeddedPostgresServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of deposits, holds, captures, releases, withdrawals, reversals and overdraft attempts against the
 * real schema (PostgreSQL, the settlement migrations): after every step Σ balances = 0, no user/hold/fee balance is
 * negative, every balance equals its journal, and user balances match a simple model. Postings go through the same
 * SQL the service uses (insert into transfer; the trigger moves the balances).
 */
class LedgerPropertiesTest {

    static final UUID FEES = UUID.fromString("00000000-0000-0000-0000-00000000fee5");
    static final UUID CUSTODY = UUID.fromString("00000000-0000-0000-0000-0000c0570d10");
    static EmbeddedPostgresServer pg;
    static Connection db;

    sealed interface Op permits Deposit, Hold, Capture, Release, Withdraw, Reverse, Overdraw {
    }

    record Deposit(int user, long amount) implements Op {
    }

    record Hold(int user, long amount) implements Op {
    }

    record Capture(int hold, int percent, int payee) implements Op {
    }

    record Release(int hold) implements Op {
    }

    record Withdraw(int user, long amount) implements Op {
    }

    record Reverse(int withdrawal) implements Op {
    }

    record Overdraw(int user) implements Op {
    }

    @BeforeContainer
    static void start() throws SQLException {
        pg = EmbeddedPostgresServer.startEphemeral();
        pg.createDatabaseIfMissing("ledger_properties");
        String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/ledger_properties";
        Flyway.configure().dataSource(url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)
                .locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
        db.setAutoCommit(false);
    }

    @AfterContainer
    static void stop() throws SQLException {
        db.close();
        pg.close();
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> user = Arbitraries.integers().between(0, 3);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 10_000);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 20);
        Arbitrary<Op> op = Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(user, amount).as(Deposit::new),
                net.jqwik.api.Combinators.combine(user, amount).as(Hold::new),
                net.jqwik.api.Combinators.combine(index, Arbitraries.integers().between(0, 100), user).as(Capture::new),
                index.map(Release::new),
                net.jqwik.api.Combinators.combine(user, amount).as(Withdraw::new),
                index.map(Reverse::new),
                user.map(Overdraw::new));
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150)
    void everySequenceKeepsTheLedgerBalancedAndNoBalanceNegative(@ForAll("operations") List<Op> ops) throws SQLException {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(account("USER", "user-" + UUID.randomUUID()));
        }
        db.commit();
        Map<UUID, BigInteger> model = new HashMap<>();
        users.forEach(u -> model.put(u, BigInteger.ZERO));
        List<UUID[]> holds = new ArrayList<>();      // {holdAccount, payer}
        List<Object[]> withdrawals = new ArrayList<>(); // {transferId, user, amount, reversed}
        for (Op op : ops) {
            switch (op) {
                case Deposit d -> {
                    post(CUSTODY, users.get(d.user()), d.amount(), "DEPOSIT", null);
                    model.merge(users.get(d.user()), BigInteger.valueOf(d.amount()), BigInteger::add);
                }
                case Hold h -> {
                    UUID payer = users.get(h.user());
                    if (lockBalance(payer).compareTo(BigInteger.valueOf(h.amount())) >= 0) {
                        UUID escrow = account("HOLD", "owner");
                        post(payer, escrow, h.amount(), "HOLD", null);
                        holds.add(new UUID[] { escrow, payer });
                        model.merge(payer, BigInteger.valueOf(-h.amount()), BigInteger::add);
                    }
                }
                case Capture c -> {
                    if (c.hold() < holds.size()) {
                        UUID[] h = holds.get(c.hold());
                        BigInteger held = lockBalance(h[0]);
                        if (held.signum() > 0) {
                            BigInteger captured = held.multiply(BigInteger.valueOf(c.percent())).divide(BigInteger.valueOf(100));
                            BigInteger fee = captured.multiply(BigInteger.valueOf(250)).divide(BigInteger.valueOf(10_000));
                            BigInteger payeeShare = captured.subtract(fee);
                            BigInteger rest = held.subtract(captured);
                            UUID payee = users.get(c.payee());
                            post(h[0], payee, payeeShare.longValueExact(), "CAPTURE", null);
                            post(h[0], FEES, fee.longValueExact(), "FEE", null);
                            post(h[0], h[1], rest.longValueExact(), "RELEASE", null);
                            model.merge(payee, payeeShare, BigInteger::add);
                            model.merge(h[1], rest, BigInteger::add);
                        }
                    }
                }
                case Release r -> {
                    if (r.hold() < holds.size()) {
                        UUID[] h = holds.get(r.hold());
                        BigInteger held = lockBalance(h[0]);
                        post(h[0], h[1], held.longValueExact(), "RELEASE", null);
                        model.merge(h[1], held, BigInteger::add);
                    }
                }
                case Withdraw w -> {
                    UUID u = users.get(w.user());
                    if (lockBalance(u).compareTo(BigInteger.valueOf(w.amount())) >= 0) {
                        UUID t = post(u, CUSTODY, w.amount(), "WITHDRAWAL", null);
                        withdrawals.add(new Object[] { t, u, w.amount(), false });
                        model.merge(u, BigInteger.valueOf(-w.amount()), BigInteger::add);
                    }
                }
                case Reverse r -> {
                    if (r.withdrawal() < withdrawals.size() && !(Boolean) withdrawals.get(r.withdrawal())[3]) {
                        Object[] w = withdrawals.get(r.withdrawal());
                        post(CUSTODY, (UUID) w[1], (Long) w[2], "WITHDRAWAL_REVERSAL", (UUID) w[0]);
                        w[3] = true;
                        model.merge((UUID) w[1], BigInteger.valueOf((Long) w[2]), BigInteger::add);
                    }
                }
                case Overdraw o -> {
                    // A buggy or hostile writer posting more than the balance: the database refuses, nothing moves.
                    UUID u = users.get(o.user());
                    BigInteger before = lockBalance(u);
                    db.commit();
                    long tooMuch = before.longValueExact() + 1;
                    assertThatThrownBy(() -> post(u, CUSTODY, tooMuch, "WITHDRAWAL", null)).isInstanceOf(SQLException.class);
                    db.rollback();
                    assertThat(lockBalance(u)).isEqualTo(before);
                }
            }
            db.commit();
            assertInvariants(users, model);
        }
        assertThatThrownBy(this::tamper).isInstanceOf(SQLException.class);
        db.rollback();
    }

    void assertInvariants(List<UUID> users, Map<UUID, BigInteger> model) throws SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery("""
                select (select coalesce(sum(balance), 0) from account),
                       (select count(*) from account where kind <> 'CHAIN_CUSTODY' and balance < 0),
                       (select count(*) from account a where a.balance <>
                            coalesce((select sum(amount) from transfer where credit_account = a.id), 0)
                          - coalesce((select sum(amount) from transfer where debit_account = a.id), 0))""")) {
            rs.next();
            assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(rs.getLong(2)).isZero();
            assertThat(rs.getLong(3)).isZero();
        }
        for (UUID u : users) {
            assertThat(lockBalance(u)).as("user balance").isEqualTo(model.get(u));
        }
        db.commit();
    }

    void tamper() throws SQLException {
        try (var st = db.createStatement()) {
            st.executeUpdate("update transfer set amount = amount + 1");
        }
    }

    UUID account(String kind, String owner) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = db.prepareStatement("insert into account (id, kind, owner_id) values (?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, kind);
            ps.setString(3, owner);
            ps.executeUpdate();
        }
        return id;
    }

    BigInteger lockBalance(UUID account) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select balance from account where id = ? for update")) {
            ps.setObject(1, account);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1).toBigIntegerExact();
            }
        }
    }

    UUID post(UUID debit, UUID credit, long amount, String kind, UUID reverses) throws SQLException {
        if (amount == 0) {
            return null;
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = db.prepareStatement("""
                insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id, reverses)
                values (?, ?, ?, ?, ?, 'property', ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, debit);
            ps.setObject(3, credit);
            ps.setBigDecimal(4, BigDecimal.valueOf(amount));
            ps.setString(5, kind);
            ps.setObject(6, reverses);
            ps.executeUpdate();
        }
        return id;
    }
}
