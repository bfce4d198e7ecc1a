package ai.marketplace.catalog.domain;

import java.util.List;

/** The owner-editable text of a listing (validated at the API edge). */
public record AssetDetails(String name, String summary, String description, String task, String modality,
        String licence, String licenceText, List<String> tags, List<Link> links) {
}
