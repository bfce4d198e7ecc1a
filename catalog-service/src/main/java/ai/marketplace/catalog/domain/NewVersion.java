package ai.marketplace.catalog.domain;

import java.util.List;
import java.util.UUID;

/** A version its owner adds: the artifact's identity and place, its metrics, and the published versions it builds on. */
public record NewVersion(String semver, String digest, String cid, long sizeBytes, String storageUri, String format,
        List<Metric> metrics, List<UUID> derivedFrom, List<UUID> trainedOn) {
}
