package ai.marketplace.partner.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.Forbidden;
import ai.marketplace.platform.domain.DomainException.InvalidInput;

/** A partner's webhook endpoint: where events go, which types, its signing secrets and whether it gets deliveries. */
public final class Endpoint {

    public static final Duration LONGEST_OVERLAP = Duration.ofDays(7);

    /**
     * The types a partner can be granted: those of the four public topics. Settlement's private topic (deposit
     * references, payout addresses) is not consumed here at all, so no grant can reach it.
     */
    public static final java.util.regex.Pattern PUBLIC_TYPE =
            java.util.regex.Pattern.compile("ai\\.marketplace\\.(catalog|compute|settlement|reputation)\\.[A-Z][A-Za-z0-9]*\\.v[1-9][0-9]*");

    private final UUID id;
    private final String partnerId;
    private String url;
    private String description;
    private List<String> eventTypes;
    private EndpointState state;
    private DisabledBy disabledBy;
    private String disabledReason;
    private String secret;
    private String previousSecret;
    private OffsetDateTime previousSecretUntil;
    private int consecutiveFailures;
    private final long version;
    private final OffsetDateTime createdAt;
    private OffsetDateTime updatedAt;

    public Endpoint(UUID id, String partnerId, String url, String description, List<String> eventTypes, EndpointState state,
            DisabledBy disabledBy, String disabledReason, String secret, String previousSecret, OffsetDateTime previousSecretUntil,
            int consecutiveFailures, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        this.id = id;
        this.partnerId = partnerId;
        this.url = url;
        this.description = description;
        this.eventTypes = List.copyOf(eventTypes);
        this.state = state;
        this.disabledBy = disabledBy;
        this.disabledReason = disabledReason;
        this.secret = secret;
        this.previousSecret = previousSecret;
        this.previousSecretUntil = previousSecretUntil;
        this.consecutiveFailures = consecutiveFailures;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** A new endpoint of {@code partnerId}, ACTIVE, for types the partner was granted. */
    public static Endpoint register(String partnerId, WebhookUrl url, String description, List<String> eventTypes,
            Set<String> granted, String secret, OffsetDateTime now) {
        List<String> types = checkedTypes(eventTypes, granted);
        return new Endpoint(UUID.randomUUID(), partnerId, url.value(), description(description), types, EndpointState.ACTIVE,
                null, null, secret, null, null, 0, 0, now, now);
    }

    static List<String> checkedTypes(List<String> eventTypes, Set<String> granted) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw new InvalidInput("eventTypes", "must name at least one event type");
        }
        List<String> types = new ArrayList<>(new java.util.TreeSet<>(eventTypes));
        if (types.size() > 200) {
            throw new InvalidInput("eventTypes", "at most 200 types");
        }
        List<String> notGranted = types.stream().filter(t -> !granted.contains(t)).toList();
        if (!notGranted.isEmpty()) {
            throw new Forbidden("event types not granted to this partner: " + String.join(", ", notGranted)
                    + " (the operator grants them)");
        }
        return types;
    }

    static String description(String description) {
        String d = description == null ? "" : description.strip();
        if (d.length() > 500) {
            throw new InvalidInput("description", "at most 500 characters");
        }
        return d;
    }

    /**
     * The partner changes where, what or how it is described; an absent value stays as it was. A new URL starts a new
     * failure streak: the old one's failures say nothing about it.
     */
    public void revise(WebhookUrl newUrl, List<String> newTypes, String newDescription, Set<String> granted, OffsetDateTime now) {
        if (newUrl != null && !newUrl.value().equals(url)) {
            url = newUrl.value();
            consecutiveFailures = 0;
        }
        if (newTypes != null) {
            eventTypes = checkedTypes(newTypes, granted);
        }
        if (newDescription != null) {
            description = description(newDescription);
        }
        updatedAt = now;
    }

    public void pause(OffsetDateTime now) {
        if (state == EndpointState.DISABLED) {
            throw new Conflict("endpoint-disabled", "The endpoint is disabled (" + disabledReason + "); enable it first");
        }
        state = EndpointState.PAUSED;
        updatedAt = now;
    }

    /** Back to ACTIVE: from a pause, or from a disable the caller may lift (an operator's only by an operator). */
    public void activate(boolean byOperator, OffsetDateTime now) {
        if (state == EndpointState.DISABLED && disabledBy == DisabledBy.OPERATOR && !byOperator) {
            throw new Forbidden("an operator disabled this endpoint; only an operator can enable it again");
        }
        state = EndpointState.ACTIVE;
        disabledBy = null;
        disabledReason = null;
        consecutiveFailures = 0;
        updatedAt = now;
    }

    public void disable(DisabledBy by, String reason, OffsetDateTime now) {
        state = EndpointState.DISABLED;
        disabledBy = by;
        disabledReason = reason;
        updatedAt = now;
    }

    /**
     * A new secret signs from now on; the old one signs too until {@code now + overlap}, so receivers can switch
     * without dropping a delivery.
     */
    public void rotateSecret(String newSecret, Duration overlap, OffsetDateTime now) {
        if (overlap.isNegative() || overlap.compareTo(LONGEST_OVERLAP) > 0) {
            throw new InvalidInput("overlapSeconds", "must be between 0 and " + LONGEST_OVERLAP.toSeconds());
        }
        if (overlap.isZero()) {
            previousSecret = null;
            previousSecretUntil = null;
        } else {
            previousSecret = secret;
            previousSecretUntil = now.plus(overlap);
        }
        secret = newSecret;
        updatedAt = now;
    }

    /** The secrets a delivery at {@code now} is signed with: the current one, and the previous one during its overlap. */
    public List<String> signingSecrets(OffsetDateTime now) {
        return signingSecrets(secret, previousSecret, previousSecretUntil, now);
    }

    /** The same, from the columns a delivery was claimed with. */
    public static List<String> signingSecrets(String secret, String previousSecret, OffsetDateTime previousUntil, OffsetDateTime now) {
        if (previousSecret != null && previousUntil != null && previousUntil.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    public boolean ownedBy(String partner) {
        return partnerId.equals(partner);
    }

    public UUID id() { return id; }
    public String partnerId() { return partnerId; }
    public String url() { return url; }
    public String description() { return description; }
    public List<String> eventTypes() { return eventTypes; }
    public EndpointState state() { return state; }
    public DisabledBy disabledBy() { return disabledBy; }
    public String disabledReason() { return disabledReason; }
    public String secret() { return secret; }
    public String previousSecret() { return previousSecret; }
    public OffsetDateTime previousSecretUntil() { return previousSecretUntil; }
    public int consecutiveFailures() { return consecutiveFailures; }
    public long version() { return version; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
}
