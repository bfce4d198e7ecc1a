package ai.marketplace.platform.peers;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;

/**
 * Reputation's score events ({@code AssetScoreChanged}, {@code ProviderScoreChanged} on
 * {@code marketplace.reputation.v1}) as a projection reads them: the subject, a score in [0, 1], and the time it was
 * computed, which the projection compares so that a late, older score never overwrites a newer one.
 */
public final class Scores {

    public record Scored(String subject, BigDecimal score, OffsetDateTime at) {
        /** The subject as the UUID an asset id is; anything else makes the event unusable. */
        public UUID subjectId() {
            try {
                return UUID.fromString(subject);
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("score subject is not a UUID: " + subject, e);
            }
        }
    }

    private Scores() {
    }

    /** @param subjectField the data field naming the subject, e.g. {@code assetId} */
    public static Scored read(IncomingEvent event, String subjectField) {
        JsonNode data = event.data();
        JsonNode subject = data == null ? null : data.get(subjectField);
        JsonNode score = data == null ? null : data.get("score");
        BigDecimal value = decimal(score);
        if (subject == null || !subject.isTextual() || subject.asText().isBlank() || value == null
                || value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new MalformedEventException(event.name() + " needs " + subjectField + " and a score between 0 and 1");
        }
        return new Scored(subject.asText(), value, event.timeOrNow());
    }

    private static BigDecimal decimal(JsonNode score) {
        if (score != null && score.isNumber()) {
            return score.decimalValue();
        }
        if (score != null && score.isTextual()) {
            try {
                return new BigDecimal(score.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
