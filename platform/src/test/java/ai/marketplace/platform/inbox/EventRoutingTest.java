package ai.marketplace.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import ai.marketplace.platform.events.EventTypes;
import ai.marketplace.platform.events.IncomingEvent;

/** Which events reach a handler: the version it reads, from the service whose topic it came on. */
class EventRoutingTest {

    static IncomingEvent event(String type) {
        return new IncomingEvent("e1", "urn:ai-marketplace:catalog-service", type, "s", OffsetDateTime.now(), null, null, null,
                "Order", new byte[0]);
    }

    @Test
    void onlyTheHandledVersionIsRead() {
        Message<byte[]> plain = Message.of(new byte[0]);
        assertThat(EventConsumer.refusal(event("ai.marketplace.catalog.OrderPlaced.v1"), plain)).isNull();
        assertThat(EventConsumer.refusal(event("ai.marketplace.catalog.OrderPlaced.v2"), plain)).contains("v2");
        assertThat(EventTypes.versionOf("ai.marketplace.catalog.OrderPlaced.v12")).isEqualTo(12);
        assertThat(EventTypes.versionOf("OrderPlaced")).isZero();
    }

    @Test
    void topicsNameTheServiceWhoseEventsTheyCarry() {
        assertThat(EventConsumer.topicService("marketplace.catalog.v1")).isEqualTo("catalog");
        assertThat(EventConsumer.topicService("marketplace.catalog.v1.dlq.settlement")).isNull();
        assertThat(EventConsumer.topicService(null)).isNull();
    }
}
