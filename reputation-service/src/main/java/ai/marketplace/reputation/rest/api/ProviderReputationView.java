package ai.marketplace.reputation.rest.api;

import java.time.OffsetDateTime;

import ai.marketplace.reputation.domain.ProviderProfile;

public record ProviderReputationView(String providerId, int assetCount, OffsetDateTime firstSeenAt) {

    public static ProviderReputationView of(ProviderProfile p) {
        return new ProviderReputationView(p.providerId(), p.assetCount(), p.firstSeenAt());
    }
}
