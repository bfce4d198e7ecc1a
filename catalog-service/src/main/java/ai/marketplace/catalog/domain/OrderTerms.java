package ai.marketplace.catalog.domain;

import java.util.UUID;

/** What a buyer asks for: a plan of an asset, and for pay-per-use plans how many units (null: one). */
public record OrderTerms(UUID assetId, UUID planId, Long units) {
}
