package ai.marketplace.platform.events;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity of the publishing service: its name (in event types), its topic and its CloudEvents source. */
@ConfigMapping(prefix = "marketplace.events")
public interface EventsConfig {

    /** Short service name used in event types, e.g. {@code catalog} in {@code ai.marketplace.catalog.AssetCreated.v1}. */
    String service();

    /** The one topic this service publishes to, e.g. {@code marketplace.catalog.v1}. */
    String topic();

    /**
     * Events that tie a user to a chain address or a balance (deposits, withdrawals, low balances): they go to
     * {@link #privateTopic()}, which partners are not granted, instead of {@link #topic()}.
     */
    Optional<Set<String>> privateEvents();

    /** The topic of {@link #privateEvents()}, e.g. {@code marketplace.settlement.private.v1}. */
    Optional<String> privateTopic();

    /** The topic an event of this name is published to. */
    default String topicOf(String eventName) {
        return privateEvents().filter(names -> names.contains(eventName)).isPresent()
                ? privateTopic().orElseThrow(() -> new IllegalStateException(
                        "marketplace.events.private-events is set but marketplace.events.private-topic is not"))
                : topic();
    }

    /** CloudEvents {@code source} attribute. */
    @WithDefault("urn:ai-marketplace:service")
    String source();
}
