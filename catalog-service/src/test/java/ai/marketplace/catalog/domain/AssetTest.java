package ai.marketplace.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.InvalidInput;

/** The listing's life: DRAFT → PUBLISHED → DEPRECATED | DELISTED, and DRAFT → DELISTED; frozen once it ends. */
class AssetTest {

    static AssetDetails details(String licence) {
        return new AssetDetails("model", null, null, null, null, licence, null, List.of("nlp", "nlp"), List.of());
    }

    static Asset draft() {
        return Asset.draft("owner", AssetKind.MODEL, details("MIT"));
    }

    static Asset published() {
        Asset a = draft();
        a.publish();
        return a;
    }

    @Test
    void aDraftIsPrivateToItsOwnerAndEditable() {
        Asset a = draft();
        assertThat(a.state()).isEqualTo(AssetState.DRAFT);
        assertThat(a.isPublic()).isFalse();
        assertThat(a.isVisibleTo("owner")).isTrue();
        assertThat(a.isVisibleTo("someone")).isFalse();
        assertThat(a.tags()).containsExactly("nlp");
        a.revise(details("Apache-2.0"));
        assertThat(a.licence()).isEqualTo("Apache-2.0");
    }

    @Test
    void publishingNeedsADraftWithALicence() {
        Asset unlicensed = Asset.draft("owner", AssetKind.DATASET, details(null));
        assertThatThrownBy(unlicensed::publish).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("asset-not-publishable"));
        assertThat(unlicensed.state()).isEqualTo(AssetState.DRAFT);

        Asset a = published();
        assertThat(a.state()).isEqualTo(AssetState.PUBLISHED);
        assertThat(a.publishedAt()).isNotNull();
        assertThat(a.isVisibleTo("someone")).isTrue();
        assertThatThrownBy(a::publish).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("asset-not-draft"));
    }

    @Test
    void onlyAPublishedAssetIsDeprecatedAndNeverInFavourOfItself() {
        assertThatThrownBy(() -> draft().deprecate(null)).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("asset-not-published"));
        Asset a = published();
        assertThatThrownBy(() -> a.deprecate(a.id())).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("body.successorAssetId"));
        assertThat(a.state()).isEqualTo(AssetState.PUBLISHED);
        UUID successor = UUID.randomUUID();
        a.deprecate(successor);
        assertThat(a.state()).isEqualTo(AssetState.DEPRECATED);
        assertThat(a.successorId()).isEqualTo(successor);
    }

    @Test
    void deprecatedAndDelistedAssetsAreFrozen() {
        Asset deprecated = published();
        deprecated.deprecate(null);
        assertThatThrownBy(() -> deprecated.revise(details("MIT"))).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("asset-frozen"));
        assertThatThrownBy(() -> deprecated.deprecate(null)).isInstanceOf(Conflict.class);
        assertThatThrownBy(deprecated::publish).isInstanceOf(Conflict.class);

        Asset delisted = published();
        delisted.delist("abuse");
        assertThat(delisted.state()).isEqualTo(AssetState.DELISTED);
        assertThat(delisted.delistedReason()).isEqualTo("abuse");
        assertThat(delisted.isPublic()).isFalse();
        assertThatThrownBy(() -> delisted.delist("again")).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("asset-delisted"));
        assertThatThrownBy(delisted::ensureEditable).isInstanceOf(Conflict.class);
        assertThatThrownBy(delisted::publish).isInstanceOf(Conflict.class);
    }

    @Test
    void aDraftAndADeprecatedAssetCanBeDelisted() {
        Asset d = draft();
        d.delist("spam");
        assertThat(d.state()).isEqualTo(AssetState.DELISTED);
        Asset dep = published();
        dep.deprecate(null);
        dep.delist("court order");
        assertThat(dep.state()).isEqualTo(AssetState.DELISTED);
    }
}
