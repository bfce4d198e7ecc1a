package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Versions with digests, immutable once published, and lineage walked both ways. */
@QuarkusTest
class VersionAndLineageTest {

    @Test
    void everyVersionFieldIsValidated() {
        String owner = "ada-" + UUID.randomUUID();
        String asset = Catalog.draft(owner, "validated");
        String good = Catalog.versionBody("1.0.0", List.of(), List.of());
        String[][] cases = {
                { "\"semver\":\"1.0.0\"", "\"semver\":\"1.0\"", "body.semver" },
                { "\"semver\":\"1.0.0\"", "\"semver\":\"01.0.0\"", "body.semver" },
                { "\"sizeBytes\":1024", "\"sizeBytes\":-1", "body.sizeBytes" },
                { "\"sizeBytes\":1024", "\"sizeBytes\":\"big\"", "body.sizeBytes" },
                { "\"format\":\"safetensors\"", "\"format\":\"Safe Tensors\"", "body.format" },
                { "\"value\":0.873", "\"value\":null", "body.metrics[0].value" },
        };
        for (String[] c : cases) {
            given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(good.replace(c[0], c[1]))
                    .post("/v1/assets/" + asset + "/versions").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(c[2]));
        }
        String digest = JsonPath.from(good).getString("digest");
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body(good.replace(digest, digest.substring(1))).post("/v1/assets/" + asset + "/versions")
                .then().statusCode(400).body("errors.field", hasItem("body.digest"));
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body(good.replace(digest, "g".repeat(64))).post("/v1/assets/" + asset + "/versions")
                .then().statusCode(400).body("errors.field", hasItem("body.digest"));
        for (String uri : new String[] { "ftp://host/x", "file:///etc/passwd", "https://user:pw@host/x", "s3:bucket", "not a uri" }) {
            String storage = JsonPath.from(good).getString("storageUri");
            given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(good.replace(storage, uri))
                    .post("/v1/assets/" + asset + "/versions").then().statusCode(400)
                    .body("errors.field", hasItem("body.storageUri"));
        }
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body(good.replace("\"format\"", "\"cid\":\"Qm123\",\"format\"")).post("/v1/assets/" + asset + "/versions")
                .then().statusCode(400).body("errors.field", hasItem("body.cid"));
        // An uppercase digest is accepted and stored in canonical lower case.
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body(good.replace(digest, digest.toUpperCase()).replace("\"format\"",
                        "\"cid\":\"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi\",\"format\""))
                .post("/v1/assets/" + asset + "/versions").then().statusCode(201).body("digest", equalTo(digest))
                .body("state", equalTo("DRAFT")).body("metrics[0].name", equalTo("accuracy"));
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(good)
                .post("/v1/assets/" + asset + "/versions").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:version-exists"));
        given().auth().oauth2(TestTokens.provider("not-owner")).contentType(ContentType.JSON)
                .body(good.replace("1.0.0", "2.0.0")).post("/v1/assets/" + asset + "/versions").then().statusCode(404);
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(good.replace("1.0.0", "2.0.0"))
                .post("/v1/assets/" + UUID.randomUUID() + "/versions").then().statusCode(404);
    }

    @Test
    void publishedVersionsAreFinalAndDraftVersionsArePrivate() {
        String owner = "bea-" + UUID.randomUUID();
        String[] pub = Catalog.published(owner, "versioned");
        String draftVersion = Catalog.version(owner, pub[0], "1.1.0-rc.1", List.of(), List.of());

        given().auth().oauth2(Catalog.token(owner)).post("/v1/assets/" + pub[0] + "/versions/" + pub[1] + "/publish")
                .then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:version-published"));
        given().auth().oauth2(Catalog.token(owner)).post("/v1/assets/" + pub[0] + "/versions/" + UUID.randomUUID() + "/publish")
                .then().statusCode(404);
        given().get("/v1/assets/" + pub[0] + "/versions").then().statusCode(200)
                .body("id", hasItem(pub[1])).body("id", not(hasItem(draftVersion)));
        given().auth().oauth2(Catalog.token(owner)).get("/v1/assets/" + pub[0] + "/versions").then().statusCode(200)
                .body("id", hasItem(draftVersion));
    }

    @Test
    void referencesMustNamePublishedVersionsOthersMaySee() {
        String alice = "cai-" + UUID.randomUUID();
        String bob = "dan-" + UUID.randomUUID();
        String aliceDraftAsset = Catalog.draft(alice, "alice private");
        String alicePrivateVersion = Catalog.publishedVersion(alice, aliceDraftAsset, "1.0.0", List.of(), List.of());
        String bobAsset = Catalog.draft(bob, "bob's model");
        String bobDraftVersion = Catalog.version(bob, bobAsset, "0.1.0", List.of(), List.of());

        // A version of another provider's draft asset does not exist for bob.
        given().auth().oauth2(Catalog.token(bob)).contentType(ContentType.JSON)
                .body(Catalog.versionBody("1.0.0", List.of(alicePrivateVersion), List.of()))
                .post("/v1/assets/" + bobAsset + "/versions").then().statusCode(400)
                .body("errors[0].field", equalTo("body.derivedFrom[0]"));
        // A draft (unpublished) version cannot be a parent, not even one's own: it could still change.
        given().auth().oauth2(Catalog.token(bob)).contentType(ContentType.JSON)
                .body(Catalog.versionBody("1.0.0", List.of(), List.of(bobDraftVersion)))
                .post("/v1/assets/" + bobAsset + "/versions").then().statusCode(400)
                .body("errors[0].field", equalTo("body.trainedOn[0]"));
        given().auth().oauth2(Catalog.token(bob)).contentType(ContentType.JSON)
                .body(Catalog.versionBody("1.0.0", List.of(UUID.randomUUID().toString()), List.of()))
                .post("/v1/assets/" + bobAsset + "/versions").then().statusCode(400);
        // Alice may build on her own unlisted work.
        String aliceOther = Catalog.draft(alice, "alice derived");
        Catalog.version(alice, aliceOther, "1.0.0", List.of(alicePrivateVersion), List.of());
    }

    @Test
    void lineageIsWalkedUpstreamAndDownstreamThroughVisibleNodesOnly() {
        String p = "eve-" + UUID.randomUUID();
        // data → base → finetune → distilled ; plus a private experiment derived from finetune
        String[] data = Catalog.published(p, "corpus");
        String base = Catalog.draft(p, "base");
        String baseV = Catalog.publishedVersion(p, base, "1.0.0", List.of(), List.of(data[1]));
        Catalog.plan(p, base);
        given().auth().oauth2(Catalog.token(p)).post("/v1/assets/" + base + "/publish").then().statusCode(200);
        String other = "fay-" + UUID.randomUUID();
        String fine = Catalog.draft(other, "finetune");
        String fineV = Catalog.publishedVersion(other, fine, "1.0.0", List.of(baseV), List.of(data[1]));
        Catalog.plan(other, fine);
        given().auth().oauth2(Catalog.token(other)).post("/v1/assets/" + fine + "/publish").then().statusCode(200);
        String distilled = Catalog.draft(p, "distilled");
        String distilledV = Catalog.publishedVersion(p, distilled, "1.0.0", List.of(fineV), List.of());
        Catalog.plan(p, distilled);
        given().auth().oauth2(Catalog.token(p)).post("/v1/assets/" + distilled + "/publish").then().statusCode(200);
        String secret = Catalog.draft(other, "secret experiment");
        Catalog.publishedVersion(other, secret, "0.0.1", List.of(fineV), List.of());

        JsonPath up = given().get("/v1/assets/" + distilled + "/lineage?direction=upstream&depth=5").then()
                .statusCode(200).extract().jsonPath();
        assertThat(up.getList("edges.to.assetId")).contains(fine, base, data[0]);
        assertThat(up.getInt("edges.find { it.to.assetId == '" + base + "' }.depth")).isEqualTo(2);
        assertThat(up.getString("edges.find { it.to.assetId == '" + base + "' }.relation")).isEqualTo("DERIVED_FROM");

        given().get("/v1/assets/" + distilled + "/lineage?direction=upstream&depth=1").then().statusCode(200)
                .body("edges", hasSize(1)).body("edges[0].to.versionId", equalTo(fineV));

        JsonPath down = given().get("/v1/assets/" + data[0] + "/lineage?direction=downstream&depth=5").then()
                .statusCode(200).extract().jsonPath();
        assertThat(down.getList("edges.from.assetId")).contains(base, fine, distilled);
        assertThat(down.getList("edges.from.assetId")).doesNotContain(secret);
        // Its owner sees the private experiment downstream.
        JsonPath ownView = given().auth().oauth2(Catalog.token(other))
                .get("/v1/assets/" + data[0] + "/lineage?direction=downstream&depth=5").then().statusCode(200)
                .extract().jsonPath();
        assertThat(ownView.getList("edges.from.assetId")).contains(secret);

        given().get("/v1/assets/" + distilled + "/lineage?direction=sideways").then().statusCode(400)
                .body("errors[0].field", equalTo("direction"));
        given().get("/v1/assets/" + distilled + "/lineage?depth=0").then().statusCode(400);
        given().get("/v1/assets/" + distilled + "/lineage?depth=11").then().statusCode(400);
        given().get("/v1/assets/" + distilled + "/lineage?depth=abc").then().statusCode(404);
        given().get("/v1/assets/" + secret + "/lineage").then().statusCode(404);
        assertThat(distilledV).isNotNull();
    }
}
