package ai.marketplace.compute.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.marketplace.compute.domain.Offer;
import ai.marketplace.platform.money.Amount;

/**
 * Which offers can serve a request, and — when none can — why: every offer is attributed to the first
 * constraint it fails, in a fixed order, so the counts add up to the offers considered.
 */
public final class Matching {

    /** What the renter needs; null fields are "any". */
    public record Requirements(String gpuModel, Integer minVramGb, String region, Amount maxPricePerGpuHour) {
    }

    public record Result(List<Offer> candidates, Map<String, Integer> excluded, int considered) {
    }

    private Matching() {
    }

    /**
     * Candidates come cheapest first by ranking price (price weighted by the provider's score), so a reliable
     * provider wins over a slightly cheaper unreliable one.
     */
    public static Result match(List<Offer> online, Requirements req, String tenant, int gpus, int hours,
            OffsetDateTime staleBefore) {
        Map<String, Integer> excluded = new LinkedHashMap<>();
        List<Offer> candidates = new ArrayList<>();
        for (Offer o : online) {
            String reason = firstFailure(o, req, tenant, gpus, hours, staleBefore);
            if (reason == null) {
                candidates.add(o);
            } else {
                excluded.merge(reason, 1, Integer::sum);
            }
        }
        candidates.sort(Comparator.comparing(Matching::rank).thenComparing(Offer::id));
        return new Result(candidates, excluded, online.size());
    }

    private static BigDecimal rank(Offer o) {
        return o.rankPrice() != null ? o.rankPrice() : new BigDecimal(o.pricePerGpuHour().value());
    }

    static String firstFailure(Offer o, Requirements r, String tenant, int gpus, int hours, OffsetDateTime staleBefore) {
        // Renting one's own offer moves no money anywhere but would count as a completed lease for reliability.
        if (o.providerId().equals(tenant)) {
            return "own";
        }
        if (r.gpuModel() != null && !r.gpuModel().equals(o.gpuModel())) {
            return "gpuModel";
        }
        if (r.minVramGb() != null && o.vramGb() < r.minVramGb()) {
            return "vram";
        }
        if (r.region() != null && !r.region().equals(o.region())) {
            return "region";
        }
        if (r.maxPricePerGpuHour() != null && o.pricePerGpuHour().compareTo(r.maxPricePerGpuHour()) > 0) {
            return "price";
        }
        if (hours < o.minHours() || hours > o.maxHours()) {
            return "hours";
        }
        if (!o.admits(tenant)) {
            return "tenant";
        }
        if (!o.isResponsive(staleBefore)) {
            return "heartbeat";
        }
        if (o.availableGpus() < gpus) {
            return "capacity";
        }
        return null;
    }

    private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("own", "are your own"),
            Map.entry("gpuModel", "are another GPU model"), Map.entry("vram", "have too little VRAM"), Map.entry("region", "are in another region"),
            Map.entry("price", "are too expensive"), Map.entry("hours", "do not allow that duration"),
            Map.entry("tenant", "do not accept you"), Map.entry("capacity", "lack free GPUs"),
            Map.entry("heartbeat", "have no recent healthy heartbeat from their node"));

    /** "3 offers are too expensive, 2 lack free GPUs, 1 does not accept you" */
    public static String explain(Result r) {
        if (r.considered() == 0) {
            return "No offer is online";
        }
        List<String> parts = new ArrayList<>();
        r.excluded().forEach((k, n) -> parts.add(n + (n == 1 ? " offer " : " offers ") + (n == 1 ? singular(WORDS.get(k)) : WORDS.get(k))));
        return "None of " + r.considered() + " online offers fits: " + String.join(", ", parts);
    }

    private static String singular(String phrase) {
        return phrase.replaceFirst("^are ", "is ").replaceFirst("^have ", "has ").replaceFirst("^do not ", "does not ")
                .replaceFirst("^lack ", "lacks ");
    }
}
