package ai.marketplace.partner.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ai.marketplace.partner.domain.DisabledBy;
import ai.marketplace.partner.domain.Endpoint;
import ai.marketplace.partner.domain.EndpointState;

/** Events on {@code marketplace.partner.v1}: every change to an endpoint or a grant. Never a secret. */
public final class PartnerEvents {

    public static final String ENDPOINT = "WebhookEndpoint";
    public static final String GRANTS = "PartnerGrants";

    private PartnerEvents() {
    }

    /** What every endpoint event carries: the endpoint as it is after the change, without its secrets. */
    public record EndpointSnapshot(UUID endpointId, String partnerId, String url, List<String> eventTypes, EndpointState state,
            DisabledBy disabledBy, String disabledReason, OffsetDateTime updatedAt) {
        public static EndpointSnapshot of(Endpoint e) {
            return new EndpointSnapshot(e.id(), e.partnerId(), e.url(), e.eventTypes(), e.state(), e.disabledBy(),
                    e.disabledReason(), e.updatedAt());
        }
    }

    /** Key: the endpoint id. */
    public static final String REGISTERED = "WebhookEndpointRegistered";
    /** Key: the endpoint id. URL, types or description changed. */
    public static final String UPDATED = "WebhookEndpointUpdated";
    public static final String PAUSED = "WebhookEndpointPaused";
    /** Key: the endpoint id. Back to ACTIVE after a pause or a disable. */
    public static final String ACTIVATED = "WebhookEndpointActivated";
    /** Key: the endpoint id. By an operator, or by the service after too many failed attempts in a row. */
    public static final String DISABLED = "WebhookEndpointDisabled";
    public static final String DELETED = "WebhookEndpointDeleted";
    /** Key: the endpoint id. A new secret signs; the previous one also signs until previousSecretUntil. */
    public static final String SECRET_ROTATED = "WebhookSecretRotated";

    public record SecretRotated(UUID endpointId, String partnerId, OffsetDateTime previousSecretUntil) {
    }

    /** Key: the partner id. The complete set of types granted now. */
    public static final String GRANTS_CHANGED = "PartnerGrantsChanged";

    public record GrantsChanged(String partnerId, List<String> eventTypes, String grantedBy) {
    }

    /** Key: the endpoint id. A partner asked for its events again. */
    public static final String REPLAY_REQUESTED = "WebhookReplayRequested";

    public record ReplayRequested(UUID endpointId, String partnerId, String afterEventId, OffsetDateTime since, int scheduled) {
    }
}
