package ai.marketplace.reputation.consumers;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.reputation.service.ProjectionService;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/** Learns catalog facts from {@code marketplace.catalog.v1}; each event is applied once (inbox). */
@ApplicationScoped
@Startup
public class CatalogEventsConsumer {

    static final String CONSUMER = "reputation.catalog-projection";

    @Inject EventConsumer consumer;
    @Inject ProjectionService projections;
    @Inject ObjectMapper mapper;

    @PostConstruct
    void register() {
        consumer.register("catalog-events", CONSUMER, catalogEventsHandlers());
    }

    @Incoming("catalog-events")
    public Uni<Void> onCatalogEvent(Message<byte[]> message) {
        return consumer.dispatch("catalog-events", message);
    }

    private Map<String, EventConsumer.Handler> catalogEventsHandlers() {
        return Map.of(
                "AssetCreated", (event, tx) -> {
                    CatalogAssetCreated data = event.dataAs(CatalogAssetCreated.class, mapper);
                    data.validate();
                    return projections.assetCreated(tx, data.assetId(), data.ownerId(), data.kind(), data.name(), data.createdAt());
                },
                "AssetVersionPublished", (event, tx) -> {
                    VersionPublished d = event.dataAs(VersionPublished.class, mapper);
                    Facts.require(d.assetId() != null && d.versionId() != null && d.ownerId() != null && d.digest() != null,
                            "AssetVersionPublished needs assetId, versionId, ownerId and digest");
                    return projections.versionPublished(tx, d.versionId(), d.assetId(), d.ownerId(), d.digest(), event.timeOrNow());
                },
                "LicenceGranted", (event, tx) -> {
                    LicenceGranted d = event.dataAs(LicenceGranted.class, mapper);
                    Facts.require(d.orderId() != null && d.licenceId() != null && d.holderId() != null && d.sellerId() != null
                            && d.assetId() != null && d.amount() != null, "LicenceGranted needs orderId, licenceId, holderId, sellerId, assetId and amount");
                    return projections.licenceGranted(tx, d.orderId(), d.licenceId(), d.holderId(), d.sellerId(), d.assetId(),
                            new BigDecimal(d.amount().value()), event.timeOrNow());
                },
                "LicenceRevoked", (event, tx) -> {
                    LicenceRevoked d = event.dataAs(LicenceRevoked.class, mapper);
                    Facts.require(d.orderId() != null, "LicenceRevoked needs orderId");
                    return projections.licenceRevoked(tx, d.orderId());
                });
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionPublished(UUID assetId, UUID versionId, String ownerId, String digest) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LicenceGranted(UUID orderId, UUID licenceId, String holderId, String sellerId, UUID assetId, Amount amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LicenceRevoked(UUID orderId) {
    }
}
