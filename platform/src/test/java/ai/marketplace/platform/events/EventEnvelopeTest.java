package ai.marketplace.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class EventEnvelopeTest {

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void structuredModeRoundTripKeepsEveryAttribute() throws Exception {
        OffsetDateTime time = OffsetDateTime.of(2026, 11, 28, 6, 0, 0, 0, ZoneOffset.UTC);
        byte[] bytes = EventEnvelope.serialize("e-1", "urn:ai-marketplace:catalog-service",
                EventTypes.of("catalog", "AssetCreated", 1), "Asset", "a-1", time,
                "{\"assetId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "req-1");

        var wire = mapper.readTree(bytes);
        assertThat(wire.get("specversion").asText()).isEqualTo("1.0");
        assertThat(wire.get("data").get("assetId").asText()).as("JSON data inline, not base64").isEqualTo("a-1");

        IncomingEvent e = EventEnvelope.parse(bytes, mapper);
        assertThat(e.id()).isEqualTo("e-1");
        assertThat(e.type()).isEqualTo("ai.marketplace.catalog.AssetCreated.v1");
        assertThat(e.name()).isEqualTo("AssetCreated");
        assertThat(e.subject()).isEqualTo("a-1");
        assertThat(e.time()).isEqualTo(time);
        assertThat(e.requestId()).isEqualTo("req-1");
        assertThat(e.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
        assertThat(e.aggregateType()).isEqualTo("Asset");
    }

    @Test
    void anythingElseIsMalformed() {
        for (String bad : new String[] { "{not json", "{}", "{\"specversion\":\"1.0\",\"id\":\"x\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"urn:x\",\"type\":\"t\",\"datacontenttype\":\"application/json\",\"data\":[1]}" }) {
            assertThatThrownBy(() -> EventEnvelope.parse(bad.getBytes(StandardCharsets.UTF_8), mapper)).as(bad)
                    .isInstanceOf(MalformedEventException.class);
        }
    }

    @Test
    void typeNamesFollowTheConvention() {
        assertThat(EventTypes.of("compute", "LeaseActivated", 1)).isEqualTo("ai.marketplace.compute.LeaseActivated.v1");
        assertThat(EventTypes.serviceOf("ai.marketplace.compute.LeaseActivated.v2")).isEqualTo("compute");
        assertThat(EventTypes.eventName("com.other.Thing")).isNull();
        assertThatThrownBy(() -> EventTypes.of("Compute", "LeaseActivated", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTypes.of("compute", "leaseActivated", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
