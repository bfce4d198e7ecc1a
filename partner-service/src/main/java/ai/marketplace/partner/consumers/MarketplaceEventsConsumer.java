package ai.marketplace.partner.consumers;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import ai.marketplace.partner.service.IngestService;
import ai.marketplace.platform.inbox.EventConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Takes every event of the four public topics, whatever its name: a partner may be granted any of them, and an
 * event type added to a service tomorrow reaches partners without a change here. Each is kept once (inbox) with
 * the deliveries it owes, in the transaction that acknowledges it.
 */
@ApplicationScoped
@Startup
public class MarketplaceEventsConsumer {

    static final String CONSUMER = "partner.webhooks";
    static final String[] CHANNELS = { "catalog-events", "compute-events", "settlement-events", "reputation-events" };

    @Inject EventConsumer consumer;
    @Inject IngestService ingest;

    @PostConstruct
    void register() {
        for (String channel : CHANNELS) {
            consumer.registerEvery(channel, CONSUMER, (event, tx) -> ingest.keep(tx, event));
        }
    }

    @Incoming("catalog-events")
    public Uni<Void> onCatalogEvent(Message<byte[]> message) {
        return consumer.dispatch("catalog-events", message);
    }

    @Incoming("compute-events")
    public Uni<Void> onComputeEvent(Message<byte[]> message) {
        return consumer.dispatch("compute-events", message);
    }

    @Incoming("settlement-events")
    public Uni<Void> onSettlementEvent(Message<byte[]> message) {
        return consumer.dispatch("settlement-events", message);
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.dispatch("reputation-events", message);
    }
}
