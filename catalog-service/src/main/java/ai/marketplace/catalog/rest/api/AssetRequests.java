package ai.marketplace.catalog.rest.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.catalog.domain.AssetDetails;
import ai.marketplace.catalog.domain.Link;

/** Bodies of the asset endpoints. Field rules here; rules that span fields are checked by the service. */
public final class AssetRequests {

    private AssetRequests() {
    }

    static final String SLUG = "[a-z0-9][a-z0-9-]*";

    public record LinkInput(
            @NotBlank @Size(max = 30) @Pattern(regexp = SLUG, message = "must be a lower-case slug such as paper") String rel,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "https://[^\\s@]+", message = "must be an https:// URL without credentials") String url) {
    }

    /** The editable text of a listing, shared by create and update. */
    public record Details(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 500) String summary,
            @Size(max = 20000) String description,
            @Size(max = 100) @Pattern(regexp = SLUG, message = "must be a lower-case slug such as text-generation") String task,
            @Size(max = 50) @Pattern(regexp = SLUG, message = "must be a lower-case slug such as text or image") String modality,
            @Size(max = 100) @Pattern(regexp = "(LicenseRef-)?[A-Za-z0-9.+-]+", message = "must be an SPDX licence id such as Apache-2.0") String licence,
            @Size(max = 50000) String licenceText,
            @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = SLUG, message = "must be a lower-case slug") String> tags,
            @Size(max = 10) List<@NotNull @Valid LinkInput> links) {

        public AssetDetails toDetails() {
            return new AssetDetails(name.strip(), summary, description, task, modality, licence,
                    licenceText == null || licenceText.isBlank() ? null : licenceText, tags,
                    links == null ? List.of() : links.stream().map(l -> new Link(l.rel(), l.url())).toList());
        }
    }

    public record DeprecateRequest(UUID successorAssetId) {
    }

    public record DelistRequest(@NotBlank @Size(max = 1000) String reason) {
    }
}
