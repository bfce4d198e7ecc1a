package ai.marketplace.platform.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.events.EventTypes;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;

class ScoresTest {

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    IncomingEvent event(String data) {
        return EventEnvelope.parse(EventEnvelope.serialize("e", "urn:ai-marketplace:reputation-service",
                EventTypes.of("reputation", "AssetScoreChanged", 1), "Asset", "a", AT,
                data.getBytes(StandardCharsets.UTF_8), null, null), mapper);
    }

    @Test
    void aScoreIsReadWithItsSubjectAndTheTimeItWasComputed() {
        UUID asset = UUID.randomUUID();
        Scores.Scored s = Scores.read(event("{\"assetId\":\"" + asset + "\",\"score\":0.8125}"), "assetId");
        assertThat(s.subjectId()).isEqualTo(asset);
        assertThat(s.score()).isEqualByComparingTo(new BigDecimal("0.8125"));
        assertThat(s.at()).isEqualTo(AT);
        assertThat(Scores.read(event("{\"providerId\":\"p\",\"score\":\"1\"}"), "providerId").score())
                .isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void scoresOutsideZeroToOneOrWithoutASubjectAreMalformed() {
        for (String bad : new String[] { "{\"assetId\":\"a\",\"score\":1.0001}", "{\"assetId\":\"a\",\"score\":-0.1}",
                "{\"assetId\":\"a\",\"score\":\"1e999999999\"}", "{\"score\":0.5}", "{\"assetId\":\" \",\"score\":0.5}",
                "{\"assetId\":\"a\",\"score\":\"high\"}", "{\"assetId\":\"a\"}" }) {
            assertThatThrownBy(() -> Scores.read(event(bad), "assetId")).as(bad)
                    .isInstanceOf(MalformedEventException.class);
        }
        assertThatThrownBy(() -> Scores.read(event("{\"assetId\":\"not-a-uuid\",\"score\":0.5}"), "assetId")
                .subjectId()).isInstanceOf(MalformedEventException.class);
    }
}
