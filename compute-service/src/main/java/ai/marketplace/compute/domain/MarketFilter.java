package ai.marketplace.compute.domain;

import ai.marketplace.platform.money.Amount;

/** What a renter browsing the market narrows it to; a null field is no constraint. */
public record MarketFilter(String gpuModel, Integer minVramGb, String region, Amount maxPrice, Integer minAvailableGpus) {
}
