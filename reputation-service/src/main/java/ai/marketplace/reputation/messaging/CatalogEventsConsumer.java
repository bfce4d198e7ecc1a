package ai.marketplace.reputation.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.reputation.service.ProjectionService;
import io.smallrye.mutiny.Uni;

/** Learns catalog facts from {@code marketplace.catalog.v1}; each event is applied once (inbox). */
@ApplicationScoped
public class CatalogEventsConsumer {

    static final String CONSUMER = "reputation.catalog-projection";

    private final EventConsumer consumer;
    private final ProjectionService projections;
    private final ObjectMapper mapper;

    public CatalogEventsConsumer(EventConsumer consumer, ProjectionService projections, ObjectMapper mapper) {
        this.consumer = consumer;
        this.projections = projections;
        this.mapper = mapper;
    }

    @Incoming("catalog-events")
    public Uni<Void> onCatalogEvent(Message<byte[]> message) {
        return consumer.consume(CONSUMER, message, Map.of(
                "AssetCreated", event -> {
                    CatalogAssetCreated data = event.dataAs(CatalogAssetCreated.class, mapper);
                    data.validate();
                    return projections.assetCreated(data);
                }));
    }
}
