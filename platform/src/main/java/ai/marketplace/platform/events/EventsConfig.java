package ai.marketplace.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity of the publishing service: its name (in event types), its topic and its CloudEvents source. */
@ConfigMapping(prefix = "marketplace.events")
public interface EventsConfig {

    /** Short service name used in event types, e.g. {@code catalog} in {@code ai.marketplace.catalog.AssetCreated.v1}. */
    String service();

    /** The one topic this service publishes to, e.g. {@code marketplace.catalog.v1}. */
    String topic();

    /** CloudEvents {@code source} attribute. */
    @WithDefault("urn:ai-marketplace:service")
    String source();
}
