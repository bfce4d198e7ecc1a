package ai.marketplace.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The records this service's consumers dead-lettered, and what operators do with them. A record is re-driven
 * through the same handlers and inbox as a live one, in one transaction with the operator's decision: it is
 * applied at most once (the inbox skips an event already applied), and each record is decided once. A record that
 * still cannot be applied is refused with the reason and stays undecided.
 * <p>
 * The dead-letter topics are read with a plain Kafka consumer that joins no group (assign and seek), so listing
 * them never moves an offset.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Pattern DLQ_KEY = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.dead-letter-queue\\.topic");
    private static final Duration POLL = Duration.ofSeconds(5);

    /** A channel whose failures go to {@code deadLetterTopic}. */
    public record Channel(String name, String topic, String deadLetterTopic) {
    }

    public enum Action {
        REDRIVEN, DISCARDED
    }

    public enum Outcome {
        APPLIED, DUPLICATE
    }

    /** An operator's decision about a record. */
    public record Decision(Action action, Outcome outcome, String operator, String reason, OffsetDateTime at) {
    }

    /** One dead-lettered record as the consumer refused it; {@code decision} null while nobody has decided. */
    public record DeadLetter(String channel, String topic, int partition, long offset, String key, String sourceTopic,
            String eventId, String eventType, String failure, OffsetDateTime deadLetteredAt, Decision decision) {
    }

    private final EventConsumer consumer;
    private final Inbox inbox;
    private final Transactions transactions;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Map<String, Object> kafka;
    private final List<Channel> channels;

    public DeadLetters(EventConsumer consumer, Inbox inbox, Transactions transactions, ObjectMapper mapper,
            MeterRegistry registry, @Identifier("default-kafka-broker") Map<String, Object> kafka, Config config) {
        this.consumer = consumer;
        this.inbox = inbox;
        this.transactions = transactions;
        this.mapper = mapper;
        this.registry = registry;
        this.kafka = kafka;
        List<Channel> found = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = DLQ_KEY.matcher(name);
            if (m.matches()) {
                String channel = m.group(1);
                found.add(new Channel(channel, config.getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class)
                        .orElse(channel), config.getValue(name, String.class)));
            }
        }
        found.sort(java.util.Comparator.comparing(Channel::name));
        this.channels = List.copyOf(found);
    }

    public List<Channel> channels() {
        return channels;
    }

    /** Up to {@code limit} records per dead-letter topic, oldest first, with any decision taken on them. */
    public Uni<List<DeadLetter>> list(String channelFilter, boolean undecidedOnly, int limit) {
        List<Channel> wanted = channels.stream().filter(c -> channelFilter == null || c.name().equals(channelFilter)).toList();
        if (channelFilter != null && wanted.isEmpty()) {
            throw ProblemException.notFound("Consumer channel", channelFilter);
        }
        return offloaded(() -> {
            List<DeadLetter> all = new ArrayList<>();
            for (Channel c : wanted) {
                for (ConsumerRecord<String, byte[]> r : read(c.deadLetterTopic(), null, limit)) {
                    all.add(describe(c, r, null));
                }
            }
            return all;
        })
                .chain(found -> transactions.read(tx -> decisions(tx, found)))
                .map(list -> list.stream().filter(d -> !undecidedOnly || d.decision() == null).toList());
    }

    /** Applies the record through its consumer's handlers, once, recording who did it and why. */
    public Uni<DeadLetter> redrive(String topic, int partition, long offset, String operator, String reason) {
        Channel channel = channel(topic);
        return fetch(channel, partition, offset).chain(r -> {
            IncomingEvent event = parse(r);
            EventConsumer.Route route = consumer.route(channel.name());
            if (route == null) {
                throw new ProblemException(409, "consumer-not-registered", "Consumer not registered",
                        "No consumer is registered for channel " + channel.name() + " in this service");
            }
            EventConsumer.Handler handler = route.handler(event.name());
            if (handler == null) {
                throw new ProblemException(422, "dead-letter-unhandled", "Nothing handles this event",
                        "The consumer of " + channel.name() + " has no handler for " + event.type() + "; discard it");
            }
            String refusal = EventConsumer.refusal(event, channel.topic());
            if (refusal != null) {
                throw new ProblemException(422, "dead-letter-refused", "The event is still refused", refusal + "; discard it");
            }
            // The decision row is written last: a second re-drive's conflict on it rolls back its effect too.
            return transactions.run(tx -> inbox.claim(tx, route.consumer(), event)
                    .chain(first -> first ? handler.apply(event, tx).replaceWith(Outcome.APPLIED)
                            : Uni.createFrom().item(Outcome.DUPLICATE))
                    .call(outcome -> decide(tx, r, event, Action.REDRIVEN, outcome, operator, reason)))
                    // Whatever made the consumer give up still holds (the database or network being away is not that).
                    .onFailure(e -> !(e instanceof ProblemException) && !Transience.isTransient(e)).transform(e -> new ProblemException(
                            422, "dead-letter-refused", "The event is still refused",
                            "Applying it fails: " + e.getMessage() + "; fix what it needs first, or discard it"))
                    .invoke(outcome -> {
                        registry.counter("marketplace.deadletters.decisions", "channel", channel.name(), "action", "REDRIVEN",
                                "outcome", outcome.name()).increment();
                        LOG.infof("Operator %s re-drove %s/%d@%d (%s %s): %s; reason: %s", operator, r.topic(), r.partition(),
                                r.offset(), event.type(), event.id(), outcome, reason);
                    })
                    .map(outcome -> describe(channel, r, new Decision(Action.REDRIVEN, outcome, operator, reason,
                            OffsetDateTime.now())));
        });
    }

    /** Records that the record is not to be applied; it stays on the topic for the record. */
    public Uni<DeadLetter> discard(String topic, int partition, long offset, String operator, String reason) {
        Channel channel = channel(topic);
        return fetch(channel, partition, offset).chain(r -> {
            IncomingEvent event = parseOrNull(r);
            return transactions.run(tx -> decide(tx, r, event, Action.DISCARDED, null, operator, reason))
                    .invoke(() -> {
                        registry.counter("marketplace.deadletters.decisions", "channel", channel.name(), "action", "DISCARDED",
                                "outcome", "none").increment();
                        LOG.infof("Operator %s discarded %s/%d@%d; reason: %s", operator, r.topic(), r.partition(), r.offset(), reason);
                    })
                    .map(x -> describe(channel, r, new Decision(Action.DISCARDED, null, operator, reason, OffsetDateTime.now())));
        });
    }

    // --- helpers ---

    /**
     * The Kafka client blocks: it runs on a worker thread, and the result comes back on the caller's Vert.x context,
     * where the (reactive) database transaction that follows must run.
     */
    private static <T> Uni<T> offloaded(java.util.function.Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> off = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? off : off.emitOn(task -> context.runOnContext(x -> task.run()));
    }

    private Channel channel(String topic) {
        return channels.stream().filter(c -> c.deadLetterTopic().equals(topic)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Dead-letter topic", topic));
    }

    private Uni<ConsumerRecord<String, byte[]>> fetch(Channel channel, int partition, long offset) {
        return offloaded(() -> read(channel.deadLetterTopic(), new TopicPartition(channel.deadLetterTopic(), partition), offset))
                .map(found -> found.stream().filter(r -> r.offset() == offset).findFirst()
                        .orElseThrow(() -> ProblemException.notFound("Dead-lettered record", channel.deadLetterTopic() + "/"
                                + partition + "@" + offset)));
    }

    /** {@code only} null: the whole topic from its start, up to {@code limitOrOffset} records per partition. */
    private List<ConsumerRecord<String, byte[]>> read(String topic, TopicPartition only, long limitOrOffset) {
        Properties p = new Properties();
        kafka.forEach((k, v) -> p.put(k, v));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> existing = c.partitionsFor(topic, POLL).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            List<TopicPartition> partitions = only == null ? existing : existing.contains(only) ? List.of(only) : List.of();
            if (partitions.isEmpty()) {
                return out;
            }
            c.assign(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, POLL);
            Map<TopicPartition, Long> start = new HashMap<>(c.beginningOffsets(partitions, POLL));
            Map<TopicPartition, Long> stop = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (only != null) {
                    if (limitOrOffset < start.get(tp) || limitOrOffset >= end.get(tp)) {
                        return out;
                    }
                    c.seek(tp, limitOrOffset);
                    stop.put(tp, limitOrOffset + 1);
                } else {
                    c.seek(tp, start.get(tp));
                    stop.put(tp, Math.min(end.get(tp), start.get(tp) + limitOrOffset));
                }
            }
            long deadline = System.nanoTime() + POLL.toNanos() * 2;
            while (stop.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue()) && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < stop.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private IncomingEvent parse(ConsumerRecord<String, byte[]> r) {
        IncomingEvent event = parseOrNull(r);
        if (event == null) {
            throw new ProblemException(422, "dead-letter-unreadable", "The record is not an event",
                    "It is not a CloudEvent this service can read; it can only be discarded");
        }
        return event;
    }

    private IncomingEvent parseOrNull(ConsumerRecord<String, byte[]> r) {
        try {
            return EventEnvelope.parse(r.value(), mapper);
        } catch (MalformedEventException e) {
            return null;
        }
    }

    /** 409 when the record was decided before; the caller's transaction (and any effect in it) then rolls back. */
    private Uni<Void> decide(Tx tx, ConsumerRecord<String, byte[]> r, IncomingEvent event, Action action, Outcome outcome,
            String operator, String reason) {
        return tx.update("""
                insert into dead_letter_decision (topic, partition, record_offset, event_id, event_type, action, outcome,
                    operator_id, reason)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing""",
                r.topic(), r.partition(), r.offset(), event == null ? null : event.id(), event == null ? null : event.type(),
                action.name(), outcome == null ? null : outcome.name(), operator, reason)
                .map(n -> {
                    if (n == 0) {
                        throw new ProblemException(409, "dead-letter-decided", "Already decided",
                                "An operator already re-drove or discarded " + r.topic() + "/" + r.partition() + "@" + r.offset());
                    }
                    return null;
                });
    }

    private Uni<List<DeadLetter>> decisions(Tx tx, List<DeadLetter> found) {
        Map<String, Decision> byRecord = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String topic : found.stream().map(DeadLetter::topic).distinct().toList()) {
            chain = chain.chain(() -> tx.query("""
                    select partition::text, record_offset::text, action, outcome, operator_id, reason,
                           to_char(decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                    from dead_letter_decision where topic = $1""", topic).invoke(rows -> {
                        for (Tx.TextRow row : rows) {
                            byRecord.put(topic + "/" + row.text(0) + "@" + row.text(1), new Decision(Action.valueOf(row.text(2)),
                                    row.text(3) == null ? null : Outcome.valueOf(row.text(3)), row.text(4), row.text(5),
                                    OffsetDateTime.parse(row.text(6))));
                        }
                    }).replaceWithVoid());
        }
        return chain.map(x -> found.stream().map(d -> new DeadLetter(d.channel(), d.topic(), d.partition(), d.offset(), d.key(),
                d.sourceTopic(), d.eventId(), d.eventType(), d.failure(), d.deadLetteredAt(),
                byRecord.get(d.topic() + "/" + d.partition() + "@" + d.offset()))).toList());
    }

    private DeadLetter describe(Channel c, ConsumerRecord<String, byte[]> r, Decision decision) {
        IncomingEvent event = parseOrNull(r);
        return new DeadLetter(c.name(), r.topic(), r.partition(), r.offset(), r.key(),
                header(r, "dead-letter-topic").orElse(c.topic()), event == null ? null : event.id(),
                event == null ? null : event.type(),
                header(r, "dead-letter-reason").or(() -> header(r, "dead-letter-cause")).orElse(null),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.timestamp()), java.time.ZoneOffset.UTC), decision);
    }

    private static Optional<String> header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }
}
