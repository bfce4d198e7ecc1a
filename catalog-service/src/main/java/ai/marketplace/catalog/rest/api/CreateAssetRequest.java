package ai.marketplace.catalog.rest.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.catalog.domain.AssetKind;

public record CreateAssetRequest(
        @NotNull AssetKind kind,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 500) String summary,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case slug such as text-generation") String task,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9.+-]+", message = "must be an SPDX licence id such as Apache-2.0") String licence,
        @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case slug") String> tags) {
}
