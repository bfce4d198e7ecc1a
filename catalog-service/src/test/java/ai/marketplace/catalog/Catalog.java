package ai.marketplace.catalog;

import static io.restassured.RestAssured.given;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import ai.marketplace.testsupport.TestTokens;
import io.restassured.http.ContentType;

/** Test helpers that drive the catalog API as a provider would. */
public final class Catalog {

    private static final Random RANDOM = new Random(42);

    private Catalog() {
    }

    public static String token(String user) {
        return TestTokens.provider(user);
    }

    public static String draft(String user, String name) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"kind\":\"MODEL\",\"name\":\"" + name + "\",\"licence\":\"Apache-2.0\",\"tags\":[\"test\"]}")
                .post("/v1/assets").then().statusCode(201).extract().path("id");
    }

    public static String digest() {
        byte[] b = new byte[32];
        synchronized (RANDOM) {
            RANDOM.nextBytes(b);
        }
        return HexFormat.of().formatHex(b);
    }

    public static String version(String user, String asset, String semver, List<String> derivedFrom,
            List<String> trainedOn) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(versionBody(semver, derivedFrom, trainedOn))
                .post("/v1/assets/" + asset + "/versions").then().statusCode(201).extract().path("id");
    }

    public static String versionBody(String semver, List<String> derivedFrom, List<String> trainedOn) {
        return "{\"semver\":\"" + semver + "\",\"digest\":\"" + digest() + "\",\"sizeBytes\":1024,"
                + "\"storageUri\":\"s3://models/" + UUID.randomUUID() + "\",\"format\":\"safetensors\","
                + "\"metrics\":[{\"name\":\"accuracy\",\"value\":0.873,\"dataset\":\"imagenet-val\"}],"
                + "\"derivedFrom\":" + json(derivedFrom) + ",\"trainedOn\":" + json(trainedOn) + "}";
    }

    public static String publishedVersion(String user, String asset, String semver, List<String> derivedFrom,
            List<String> trainedOn) {
        String v = version(user, asset, semver, derivedFrom, trainedOn);
        given().auth().oauth2(token(user)).post("/v1/assets/" + asset + "/versions/" + v + "/publish")
                .then().statusCode(200);
        return v;
    }

    public static String plan(String user, String asset) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"type\":\"ONE_TIME\",\"price\":\"5000000\"}")
                .post("/v1/assets/" + asset + "/plans").then().statusCode(201).extract().path("id");
    }

    /** A published asset with one published version (returned) and one plan. */
    public static String[] published(String user, String name) {
        String asset = draft(user, name);
        String version = publishedVersion(user, asset, "1.0.0", List.of(), List.of());
        plan(user, asset);
        given().auth().oauth2(token(user)).post("/v1/assets/" + asset + "/publish").then().statusCode(200);
        return new String[] { asset, version };
    }

    private static String json(List<String> ids) {
        return ids.stream().map(i -> "\"" + i + "\"").toList().toString();
    }
}
