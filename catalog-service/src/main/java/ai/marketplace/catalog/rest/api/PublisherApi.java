package ai.marketplace.catalog.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.catalog.domain.AbuseReport;
import ai.marketplace.catalog.domain.Publisher;

public final class PublisherApi {

    private PublisherApi() {
    }

    public record PublisherRequest(
            @NotBlank @Size(max = 100) String displayName,
            @Size(max = 5000) String description,
            @Size(max = 500) @Pattern(regexp = "https://[^\\s@]+", message = "must be an https:// URL without credentials") String website,
            @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be an EVM address: 0x followed by 40 hex digits") String payoutAddress) {
    }

    public record PublisherView(String id, String displayName, String description, String website,
            String payoutAddress, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        public static PublisherView of(Publisher p) {
            return new PublisherView(p.ownerId(), p.displayName(), p.description(), p.website(), p.payoutAddress(),
                    p.version(), p.createdAt(), p.updatedAt());
        }
    }

    public record ReportRequest(@NotNull AbuseReport.Category category, @Size(max = 2000) String details) {
    }

    public record ResolveRequest(@NotNull AbuseReport.Resolution resolution, @NotBlank @Size(max = 1000) String note) {
    }

    /** Operators see the reporter's subject id; reporters see their own report. */
    public record ReportView(UUID id, UUID assetId, String reporterId, String category, String details, String state,
            String resolution, String note, OffsetDateTime createdAt, OffsetDateTime resolvedAt) {

        public static ReportView of(AbuseReport r) {
            return new ReportView(r.id(), r.assetId(), r.reporterId(), r.category().name(), r.details(), r.state().name(),
                    r.resolution() == null ? null : r.resolution().name(), r.note(), r.createdAt(), r.resolvedAt());
        }
    }
}
