package ai.marketplace.catalog.domain;

import java.math.BigDecimal;

/** A quality metric a provider claims for a version, e.g. accuracy 0.873 on "imagenet-val". */
public record Metric(String name, BigDecimal value, String dataset) {
}
