package ai.marketplace.partner.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One attempt to deliver an event to an endpoint, as the delivery log shows it. */
public record DeliveryAttempt(UUID id, UUID endpointId, String eventId, String eventType, int attempt, OffsetDateTime createdAt,
        int latencyMs, Integer statusCode, String error, String responseExcerpt, AttemptOutcome outcome,
        OffsetDateTime nextAttemptAt) {
}
