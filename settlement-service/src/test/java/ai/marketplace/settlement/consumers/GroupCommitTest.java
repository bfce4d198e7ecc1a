package ai.marketplace.settlement.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Group commit: a batch of saga events (as one Kafka poll hands them over) is applied in one transaction through the
 * channel's registered consumer, on the real database. The batch is built here, so that what it holds is certain.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject EventConsumer consumer;
    @Inject MeterRegistry registry;

    /** Records which messages of a batch were negatively acknowledged (sent to the dead-letter topic) and why. */
    final Map<String, Throwable> nacked = new ConcurrentHashMap<>();

    Message<byte[]> event(String id, String name, String data) {
        byte[] ce = EventEnvelope.serialize(id, "urn:ai-marketplace:catalog-service", "ai.marketplace.catalog." + name + ".v1",
                "Order", "k", OffsetDateTime.now(ZoneOffset.UTC), data.getBytes(StandardCharsets.UTF_8), null, "req-" + id);
        return Message.of(ce, () -> CompletableFuture.completedFuture(null), e -> {
            nacked.put(id, e);
            return CompletableFuture.completedFuture(null);
        });
    }

    static String placed(UUID order, String buyer, String seller, long amount) {
        return "{\"orderId\":\"" + order + "\",\"buyerId\":\"" + TestTokens.subjectOf(buyer) + "\",\"sellerId\":\""
                + TestTokens.subjectOf(seller) + "\",\"amount\":\"" + amount + "\"}";
    }

    static String granted(UUID order, String seller, long amount) {
        return "{\"orderId\":\"" + order + "\",\"sellerId\":\"" + TestTokens.subjectOf(seller) + "\",\"amount\":\"" + amount + "\"}";
    }

    void apply(List<Message<byte[]>> batch) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> consumer.applyBatch("catalog-events", batch));
    }

    static String ids(List<String> ids) {
        return "'" + String.join("','", ids) + "'";
    }

    @Test
    void aBatchIsOneTransactionInOrderAndAReplayOfItChangesNothing() throws Throwable {
        String buyer = "gb-" + UUID.randomUUID();
        String seller = "gs-" + UUID.randomUUID();
        Funds.fund(buyer, 100_000);
        List<Message<byte[]>> batch = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID order = UUID.randomUUID();
            orders.add(order);
            String id = UUID.randomUUID().toString();
            eventIds.add(id);
            batch.add(event(id, "OrderPlaced", placed(order, buyer, seller, 1_000)));
        }
        // Half of them are granted in the same batch, after their placement: order within the batch is kept.
        for (int i = 0; i < 10; i++) {
            String id = UUID.randomUUID().toString();
            eventIds.add(id);
            batch.add(event(id, "LicenceGranted", granted(orders.get(i), seller, 1_000)));
        }
        // The same event twice in one poll (a producer retry) is applied once.
        batch.add(batch.getFirst());

        apply(batch);

        assertThat(nacked).isEmpty();
        assertThat(Funds.sqlLong("select count(*) from inbox where consumer = 'settlement.orders' and event_id in (" + ids(eventIds) + ")"))
                .isEqualTo(30);
        // Every claim of the batch was written by one transaction.
        assertThat(Funds.sqlLong("select count(distinct xmin::text) from inbox where event_id in (" + ids(eventIds) + ")")).isOne();
        assertThat(Funds.sqlLong("select count(distinct xmin::text) from hold where correlation_id in ("
                + ids(orders.stream().map(UUID::toString).toList()) + ")")).isOne();
        assertThat(Funds.available(buyer)).isEqualTo(BigInteger.valueOf(80_000));
        assertThat(Funds.held(buyer)).isEqualTo(BigInteger.valueOf(10_000));
        assertThat(Funds.available(seller)).isEqualTo(BigInteger.valueOf(9_750));
        // Each order's answers are in the outbox in the order they happened, and carry their cause's request id.
        for (int i = 0; i < 10; i++) {
            assertThat(Funds.sqlLong("select count(*) from (select event_type, lag(event_type) over (order by seq) before from outbox"
                    + " where aggregate_id = '" + orders.get(i) + "') x where event_type like '%PaymentCaptured%'"
                    + " and before like '%PaymentHeld%'")).as("order %d held, then captured", i).isOne();
        }
        assertThat(Funds.sqlLong("select count(*) from outbox where aggregate_id = '" + orders.get(15) + "' and request_id = 'req-"
                + eventIds.get(15) + "'")).isOne();
        long outboxBefore = Funds.sqlLong("select count(*) from outbox");
        long transfersBefore = Funds.sqlLong("select count(*) from transfer");

        apply(batch);   // the whole poll redelivered, e.g. after a crash before its offsets were committed

        assertThat(nacked).isEmpty();
        assertThat(Funds.sqlLong("select count(*) from outbox")).isEqualTo(outboxBefore);
        assertThat(Funds.sqlLong("select count(*) from transfer")).isEqualTo(transfersBefore);
        assertThat(Funds.available(buyer)).isEqualTo(BigInteger.valueOf(80_000));
        Funds.assertInvariants();
    }

    @Test
    void aPoisonEventIsDeadLetteredAloneAndTheRestOfItsBatchIsApplied() throws Throwable {
        String buyer = "pb-" + UUID.randomUUID();
        String seller = "ps-" + UUID.randomUUID();
        String mallory = "pm-" + UUID.randomUUID();
        Funds.fund(buyer, 10_000);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        String forged = UUID.randomUUID().toString();
        String greedy = UUID.randomUUID().toString();
        double fallbacksBefore = registry.counter("marketplace.inbox.batch.fallbacks", "consumer", "settlement.orders").count();
        List<Message<byte[]>> batch = List.of(
                event(UUID.randomUUID().toString(), "OrderPlaced", placed(first, buyer, seller, 1_000)),
                event(UUID.randomUUID().toString(), "OrderPlaced", placed(second, buyer, seller, 2_000)),
                // A grant naming someone else than the hold's payee, and one for more than was held: both refused.
                event(forged, "LicenceGranted", granted(first, mallory, 1_000)),
                event(greedy, "LicenceGranted", granted(second, seller, 5_000)),
                event(UUID.randomUUID().toString(), "LicenceGranted", granted(second, seller, 2_000)),
                event(UUID.randomUUID().toString(), "OrderPlaced", placed(third, buyer, seller, 3_000)),
                // Not an event this consumer can read at all.
                event(UUID.randomUUID().toString(), "OrderPlaced", "{\"orderId\":\"" + UUID.randomUUID() + "\"}"));

        apply(batch);

        assertThat(nacked).hasSize(3).containsKeys(forged, greedy);
        assertThat(registry.counter("marketplace.inbox.batch.fallbacks", "consumer", "settlement.orders").count())
                .isEqualTo(fallbacksBefore + 1);
        // The good events of the batch were applied, each once: first held, second captured, third held.
        assertThat(Funds.available(mallory)).isZero();
        assertThat(Funds.held(buyer)).isEqualTo(BigInteger.valueOf(4_000));
        assertThat(Funds.available(buyer)).isEqualTo(BigInteger.valueOf(4_000));
        assertThat(Funds.available(seller)).isEqualTo(BigInteger.valueOf(1_950));
        assertThat(Funds.sqlLong("select count(*) from inbox where event_id in ('" + forged + "','" + greedy + "')")).isZero();
        Funds.assertInvariants();
    }
}
