package ai.marketplace.reputation.domain;

import java.time.OffsetDateTime;

/**
 * A provider as reputation sees it: first seen when its first asset was listed, and how many it lists. The count is
 * kept by the database (one increment per applied event; the inbox makes a replayed event count nothing).
 */
public record ProviderProfile(String providerId, int assetCount, OffsetDateTime firstSeenAt) {
}
