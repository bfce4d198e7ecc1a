package ai.marketplace.catalog.rest.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import ai.marketplace.catalog.domain.AssetVersion;
import ai.marketplace.catalog.domain.Lineage;
import ai.marketplace.catalog.domain.Metric;
import ai.marketplace.catalog.domain.NewVersion;
import ai.marketplace.catalog.service.VersionService;

public final class VersionApi {

    private VersionApi() {
    }

    /** Semantic Versioning 2.0.0, the regular expression its specification gives. */
    public static final String SEMVER = "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?";

    public record MetricInput(
            @NotBlank @Size(max = 100) String name,
            @NotNull @jakarta.validation.constraints.Digits(integer = 18, fraction = 12) BigDecimal value,
            @Size(max = 200) String dataset) {
    }

    public record CreateVersionRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = SEMVER, message = "must be a semantic version such as 1.2.0") String semver,
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the artifact's sha256 as 64 hex digits") String digest,
            @Pattern(regexp = "Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{58,100}", message = "must be an IPFS CID (v0 Qm… or v1 base32 b…)") String cid,
            @NotNull @PositiveOrZero Long sizeBytes,
            @NotBlank @Size(max = 2000) String storageUri,
            @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9.+-]*", message = "must be a lower-case format name such as safetensors") String format,
            @Size(max = 50) List<@NotNull @Valid MetricInput> metrics,
            @Size(max = 50) List<@NotNull UUID> derivedFrom,
            @Size(max = 50) List<@NotNull UUID> trainedOn) {

        public NewVersion toNewVersion() {
            return new NewVersion(semver, digest, cid, sizeBytes, storageUri, format,
                    metrics == null ? null : metrics.stream().map(m -> new Metric(m.name(), m.value(), m.dataset())).toList(),
                    derivedFrom, trainedOn);
        }
    }

    public record VersionView(UUID id, UUID assetId, String semver, String digest, String cid, long sizeBytes,
            String storageUri, String format, List<Metric> metrics, List<UUID> derivedFrom, List<UUID> trainedOn,
            String state, OffsetDateTime createdAt, OffsetDateTime publishedAt) {

        public static VersionView of(VersionService.Version v) {
            return of(v.version(), v.derivedFrom(), v.trainedOn());
        }

        public static VersionView of(AssetVersion v, List<UUID> derivedFrom, List<UUID> trainedOn) {
            return new VersionView(v.id(), v.assetId(), v.semver(), v.digest(), v.cid(), v.sizeBytes(), v.storageUri(),
                    v.format(), v.metrics(), derivedFrom, trainedOn, v.state().name(), v.createdAt(), v.publishedAt());
        }
    }

    public record VersionRef(UUID versionId, UUID assetId, String assetName, String semver) {

        static VersionRef of(Lineage.Node n) {
            return new VersionRef(n.versionId(), n.assetId(), n.assetName(), n.semver());
        }
    }

    /** {@code from} was derived from / trained on {@code to}; {@code depth} hops from the asked asset. */
    public record LineageEdge(VersionRef from, VersionRef to, String relation, int depth) {
    }

    public record LineageView(UUID assetId, String direction, int depth, List<LineageEdge> edges) {

        public static LineageView of(Lineage l) {
            return new LineageView(l.assetId(), l.direction(), l.depth(), l.edges().stream()
                    .map(e -> new LineageEdge(VersionRef.of(e.from()), VersionRef.of(e.to()), e.relation(), e.depth()))
                    .toList());
        }
    }
}
