package ai.marketplace.catalog.rest.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.catalog.domain.AssetKind;
import ai.marketplace.catalog.rest.api.AssetRequests.LinkInput;

/** A new draft: its kind (fixed for life) and the listing's text. */
public record CreateAssetRequest(
        @NotNull AssetKind kind,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 500) String summary,
        @Size(max = 20000) String description,
        @Size(max = 100) @Pattern(regexp = AssetRequests.SLUG, message = "must be a lower-case slug such as text-generation") String task,
        @Size(max = 50) @Pattern(regexp = AssetRequests.SLUG, message = "must be a lower-case slug such as text or image") String modality,
        @Size(max = 100) @Pattern(regexp = "(LicenseRef-)?[A-Za-z0-9.+-]+", message = "must be an SPDX licence id such as Apache-2.0") String licence,
        @Size(max = 50000) String licenceText,
        @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = AssetRequests.SLUG, message = "must be a lower-case slug") String> tags,
        @Size(max = 10) List<@NotNull @Valid LinkInput> links) {

    public AssetRequests.Details details() {
        return new AssetRequests.Details(name, summary, description, task, modality, licence, licenceText, tags, links);
    }
}
