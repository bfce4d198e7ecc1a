package ai.marketplace.partner.rest.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.marketplace.partner.domain.DeliveryAttempt;
import ai.marketplace.partner.domain.DisabledBy;
import ai.marketplace.partner.domain.Endpoint;
import ai.marketplace.partner.domain.EndpointState;
import ai.marketplace.partner.domain.AttemptOutcome;

/** Request and response bodies of the webhook endpoints API. */
public final class EndpointApi {

    private EndpointApi() {
    }

    @Schema(description = "A new endpoint: an HTTPS URL on a public address, and event types granted to the caller")
    public record Registration(
            @Schema(description = "https URL, at most 2048 characters; private, loopback, link-local and metadata addresses are refused")
            @NotBlank @Size(max = 2048) String url,
            @Schema(description = "CloudEvent types to receive, e.g. ai.marketplace.settlement.PaymentCaptured.v1")
            @NotNull @Size(min = 1, max = 200) List<@NotBlank @Size(max = 200) String> eventTypes,
            @Size(max = 500) String description) {
    }

    @Schema(description = "A change: absent fields stay as they are. state ACTIVE or PAUSED; DISABLED is an operator's")
    public record Revision(@Size(max = 2048) String url,
            @Size(min = 1, max = 200) List<@NotBlank @Size(max = 200) String> eventTypes,
            @Size(max = 500) String description,
            EndpointState state) {
    }

    @Schema(description = "A webhook endpoint: where, what, and how deliveries are going")
    public record EndpointView(UUID id, String partnerId, String url, String description, List<String> eventTypes,
            EndpointState state,
            @Schema(description = "Set when DISABLED: OPERATOR or FAILURES") DisabledBy disabledBy,
            String disabledReason,
            @Schema(description = "Failed attempts since the last success") int consecutiveFailures,
            @Schema(description = "Until when the previous secret also signs, after a rotation") OffsetDateTime previousSecretValidUntil,
            long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        public static EndpointView of(Endpoint e) {
            return new EndpointView(e.id(), e.partnerId(), e.url(), e.description(), e.eventTypes(), e.state(), e.disabledBy(),
                    e.disabledReason(), e.consecutiveFailures(), e.previousSecretUntil(), e.version(), e.createdAt(), e.updatedAt());
        }
    }

    @Schema(description = "The endpoint and its signing secret (whsec_…), which is shown this once")
    public record WithSecret(EndpointView endpoint, String secret) {
    }

    public record SecretRotation(
            @Schema(description = "Seconds the previous secret keeps signing too (0 to 604800); default 86400")
            @Min(0) @Max(604_800) Long overlapSeconds) {
    }

    @Schema(description = "Exactly one of afterEventId (a CloudEvent id delivered before) and since")
    public record ReplayRequest(@Size(max = 200) String afterEventId, OffsetDateTime since) {
    }

    public record ReplayScheduled(@Schema(description = "Deliveries owed again") int scheduled) {
    }

    public record Attempt(UUID id, String eventId, String eventType, int attempt, OffsetDateTime at, int latencyMs,
            Integer statusCode, String error,
            @Schema(description = "The first bytes of the receiver's answer") String responseExcerpt,
            AttemptOutcome outcome,
            @Schema(description = "When the next attempt is due, if any") OffsetDateTime nextAttemptAt) {

        public static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.id(), a.eventId(), a.eventType(), a.attempt(), a.createdAt(), a.latencyMs(), a.statusCode(),
                    a.error(), a.responseExcerpt(), a.outcome(), a.nextAttemptAt());
        }
    }

    public record GrantRequest(@NotNull @Size(max = 200) List<@NotBlank @Size(max = 200) String> eventTypes) {
    }

    public record Grants(String partnerId, List<String> eventTypes) {
    }
}
