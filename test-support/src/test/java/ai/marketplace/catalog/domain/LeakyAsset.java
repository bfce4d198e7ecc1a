package ai.marketplace.catalog.domain;

import ai.marketplace.platform.problem.ProblemException;

/** Fixture: a domain class that answers in HTTP terms (the rule must catch it). */
public class LeakyAsset {
    public void publish() {
        throw ProblemException.conflict("asset-not-draft", "fixture");
    }
}
