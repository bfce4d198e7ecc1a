package ai.marketplace.settlement.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.service.HoldService;
import ai.marketplace.settlement.service.Ledger;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Benchmark 2 (not part of the test suite; run by {@code bench/ledger-postings}): holds and captures per second
 * through settlement's posting path — {@link HoldService#place} and {@link HoldService#capture}, each one
 * transaction with its row locks, ledger triggers and outbox rows, as the Kafka consumers call them — at
 * concurrency 16, beside pgbench's built-in tpcb-like transaction at the same concurrency on the same PostgreSQL
 * server. Writes target/ledger-postings.md.
 */
@QuarkusTest
class LedgerPostingBench {

    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    static final int ORDERS = Integer.getInteger("bench.orders", 4_000);
    static final int SELLERS = 16;

    @Inject
    HoldService holds;
    @Inject
    Transactions transactions;
    @Inject
    Ledger ledger;
    @Inject
    AccountRepository accounts;

    @Test
    void holdsAndCapturesPerSecondBesidePgbenchTpcb() throws Throwable {
        List<String> payers = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            String payer = "bench-payer-" + i + "-" + UUID.randomUUID();
            payers.add(payer);
            VertxContextSupport.subscribeAndAwait(() -> transactions.run(tx -> accounts.openIfAbsent(tx, payer)
                    .chain(a -> ledger.post(tx, Account.CHAIN_CUSTODY, a.id(), Amount.of(1_000_000_000L), "DEPOSIT", "bench-" + payer))));
        }
        // pgbench's figure moves ±25 % with the server's state (checkpoints, autovacuum after our writes): measured
        // before and after the service, and the ratios use the mean.
        double tpcbBefore = pgbenchTpcb();
        // Warm-up: JIT, pools, plans.
        run(payers, 400);
        long postingsBefore = count("select count(*) from transfer");
        Result r = run(payers, ORDERS);
        long postings = count("select count(*) from transfer") - postingsBefore;
        double opsPerSecond = 2.0 * ORDERS / r.seconds;
        // Group commit, the sagas' real path: the events go through Kafka to the batched consumer.
        throughKafka(payers, 400);
        double batched = throughKafka(payers, ORDERS);
        double meanBatch = batchMean();
        double sqlAlone = 2 * pgbenchPostingSql();
        double tpcbAfter = pgbenchTpcb();
        double tpcb = (tpcbBefore + tpcbAfter) / 2;
        String md = String.join("\n",
                "| measured (concurrency " + CONCURRENCY + ") | per second | p50 ms | p99 ms |",
                "|---|---:|---:|---:|",
                String.format("| settlement holds + captures (%,d orders, %,d of each) | %,.0f | %.2f | %.2f |", ORDERS, ORDERS,
                        opsPerSecond, r.p50, r.p99),
                String.format("| … as ledger transfers posted (%,d) | %,.0f | | |", postings, postings / r.seconds),
                String.format("| **settlement holds + captures through Kafka and its batched consumer** (%,d OrderPlaced, then %,d "
                        + "LicenceGranted; one transaction per poll, %.0f events per transaction on average) | **%,.0f** | | |",
                        ORDERS, ORDERS, meanBatch, batched),
                String.format("| the same postings as SQL alone: pgbench running ledger_place_hold / ledger_capture_hold + outbox row, "
                        + "one transaction each (-c %d -j 2 -T 20) | %,.0f | | |", CONCURRENCY, sqlAlone),
                String.format("| pgbench tpcb-like (-c %d -j 2 -T 20, scale 16), mean of before (%,.0f) and after (%,.0f) | %,.0f | | |",
                        CONCURRENCY, tpcbBefore, tpcbAfter, tpcb),
                String.format("| **ratio batched holds+captures ÷ tpcb** | **%.2f** | | |", batched / tpcb),
                String.format("| ratio one transaction per step ÷ tpcb | %.2f | | |", opsPerSecond / tpcb),
                String.format("| ratio SQL alone ÷ tpcb (the ceiling of this posting design on this server) | %.2f | | |", sqlAlone / tpcb),
                String.format("| ratio holds+captures ÷ SQL alone (what the service adds) | %.2f | | |", opsPerSecond / sqlAlone), "");
        Files.writeString(Path.of("target", "ledger-postings.md"), md);
        System.out.println(md);
        assertThat(count("select count(*) from (select sum(balance) s from account) x where s <> 0")).as("Σ ledger = 0").isZero();
    }

    record Result(double seconds, double p50, double p99) {
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    double batchMean() {
        var s = registry.find("marketplace.inbox.batch.events").tag("consumer", "settlement.orders").summary();
        return s == null ? 0 : s.mean();
    }

    /**
     * Sends {@code orders} OrderPlaced events to catalog's topic, waits until settlement's consumer has applied them
     * all, then the same number of LicenceGranted; returns holds + captures per second from the first send to the
     * last commit.
     */
    double throughKafka(List<String> payers, int orders) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            ids.add(UUID.randomUUID());
        }
        String inbox = "select count(*) from inbox where consumer = 'settlement.orders'";
        long before = count(inbox);
        long t0;
        try (EventFeed catalog = EventFeed.of(KafkaResource.bootstrapServers(), "catalog", "Order")) {
            t0 = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                UUID order = ids.get(i);
                catalog.post(order.toString(), "OrderPlaced", "{\"orderId\":\"" + order + "\",\"buyerId\":\"" + payers.get(i % payers.size())
                        + "\",\"sellerId\":\"bench-seller-" + (i % SELLERS) + "\",\"amount\":\"1000\"}");
            }
            catalog.flush();
            awaitCount(inbox, before + orders);
            for (int i = 0; i < orders; i++) {
                UUID order = ids.get(i);
                catalog.post(order.toString(), "LicenceGranted", "{\"orderId\":\"" + order + "\",\"sellerId\":\"bench-seller-" + (i % SELLERS)
                        + "\",\"amount\":\"1000\"}");
            }
            catalog.flush();
            awaitCount(inbox, before + 2L * orders);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(count("select count(*) from hold where state = 'CAPTURED' and correlation_id in ('"
                + String.join("','", ids.stream().map(UUID::toString).toList()) + "')")).as("every order captured").isEqualTo(orders);
        return 2.0 * orders / seconds;
    }

    /** Until the consumer has applied {@code target} events (polled every 20 ms: the benchmark's clock stops there). */
    static void awaitCount(String sql, long target) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).pollDelay(Duration.ZERO)
                .until(() -> count(sql) >= target);
    }

    Result run(List<String> payers, int orders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(CONCURRENCY);
        long t0 = System.nanoTime();
        for (int w = 0; w < CONCURRENCY; w++) {
            String payer = payers.get(w);
            int share = orders / CONCURRENCY;
            int worker = w;
            pool.submit(() -> {
                try {
                    for (int i = 0; i < share; i++) {
                        UUID order = UUID.randomUUID();
                        String seller = "bench-seller-" + ((worker + i) % SELLERS);
                        long a = System.nanoTime();
                        VertxContextSupport.subscribeAndAwait(() -> transactions.run(tx -> holds.apply(tx, List.of(new HoldService.Place(CorrelationKind.ORDER, order, payer, seller, Amount.of(1_000), null)))));
                        long b = System.nanoTime();
                        VertxContextSupport.subscribeAndAwait(() -> transactions.run(tx -> holds.apply(tx, List.of(new HoldService.Capture(CorrelationKind.ORDER, order, seller, Amount.of(1_000), null)))));
                        long c = System.nanoTime();
                        latencies.add(b - a);
                        latencies.add(c - b);
                    }
                } catch (Throwable e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(2 * (orders / CONCURRENCY) * CONCURRENCY);
        return new Result(seconds, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    /**
     * Settlement's own posting SQL driven by pgbench (C, no JVM): what PostgreSQL can do with these functions on this
     * server, i.e. the most the service could reach. Returns hold+capture pairs per second.
     */
    static double pgbenchPostingSql() throws Exception {
        var server = PostgresResource.server();
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute("""
                    insert into account (id, kind, owner_id, deposit_ref)
                    select gen_random_uuid(), 'USER', 'sql-payer-' || n, decode(md5('p' || n) || md5('q' || n), 'hex')
                    from generate_series(0, %d) n on conflict do nothing""".formatted(CONCURRENCY));
            st.execute("""
                    insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id)
                    select gen_random_uuid(), '00000000-0000-0000-0000-0000c0570d10', id, 1000000000, 'DEPOSIT', 'sql-bench'
                    from account where kind = 'USER' and owner_id like 'sql-payer-%'""");
        }
        Path script = Path.of("target", "ledger-postings.pgbench");
        String outbox = "insert into outbox (id, topic, aggregate_type, aggregate_id, event_type, payload) "
                + "values (gen_random_uuid(), 'bench', 'Hold', :corr, 'bench', decode(repeat('7b', 600), 'hex'));\n";
        Files.writeString(script, "select gen_random_uuid() as corr \\gset\n"
                + "\\set seller random(0, " + (SELLERS - 1) + ")\n"
                + "begin;\nselect * from ledger_place_hold('ORDER', cast(:corr as uuid), 'sql-payer-' || :client_id, 1000);\n"
                + outbox + "commit;\n"
                + "begin;\nselect * from ledger_capture_hold('ORDER', cast(:corr as uuid), 'bench-seller-' || :seller, 1000, 25, "
                + "decode(md5(random()::text) || md5(random()::text), 'hex'));\n" + outbox + "commit;\n");
        String pgbench = System.getProperty("bench.pgbench", "/usr/lib/postgresql/15/bin/pgbench");
        List<String> common = List.of("-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "postgres");
        String out = exec(concat(List.of(pgbench, "-n", "-M", "prepared", "-f", script.toAbsolutePath().toString(),
                "-c", Integer.toString(CONCURRENCY), "-j", "2", "-T", "20"), common, List.of(PostgresResource.database())));
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("pgbench output not understood:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    static double pgbenchTpcb() throws Exception {
        var server = PostgresResource.server();
        server.createDatabaseIfMissing("pgbench_tpcb");
        String pgbench = System.getProperty("bench.pgbench", "/usr/lib/postgresql/15/bin/pgbench");
        List<String> common = List.of("-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "postgres");
        exec(concat(List.of(pgbench, "-i", "-q", "-s", "16"), common, List.of("pgbench_tpcb"))); // fresh tables each time
        String out = exec(concat(List.of(pgbench, "-n", "-b", "tpcb-like", "-c", Integer.toString(CONCURRENCY), "-j", "2", "-T", "20"),
                common, List.of("pgbench_tpcb")));
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("pgbench output not understood:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    static String exec(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "postgres");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    static long count(String sql) throws Exception {
        try (var c = PostgresResource.connection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
