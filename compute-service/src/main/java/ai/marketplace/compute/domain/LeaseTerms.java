package ai.marketplace.compute.domain;

import java.util.UUID;

import ai.marketplace.platform.money.Amount;

/** What a renter asks for: a specific offer, or requirements to match; and how many GPUs for how many hours. */
public record LeaseTerms(UUID offerId, Requirements requirements, Integer gpus, Integer hours) {

    /** Any of them may be null: no constraint. */
    public record Requirements(String gpuModel, Integer minVramGb, String region, Amount maxPricePerGpuHour) {
    }
}
