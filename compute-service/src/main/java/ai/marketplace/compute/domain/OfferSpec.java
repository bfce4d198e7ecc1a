package ai.marketplace.compute.domain;

import java.util.List;

import ai.marketplace.platform.money.Amount;

/** What a provider offers; validated at the API edge, cross-field rules in {@link Offer}. */
public record OfferSpec(String region, String gpuModel, int vramGb, int gpuCount, int cpuCores, int ramGb,
        Amount pricePerGpuHour, int minHours, int maxHours, List<String> allowedTenants, List<String> deniedTenants) {
}
