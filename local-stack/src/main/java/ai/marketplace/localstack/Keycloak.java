package ai.marketplace.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from the {@code keycloak-quarkus-dist} zip (Maven Central), unpacked once into the stack's home,
 * started in dev mode with the shipped {@code marketplace} realm imported on first start. Its data (H2 file)
 * lives in the unpacked directory, so users and sessions survive a restart.
 */
final class Keycloak {

    static final String REALM = "marketplace";

    private Keycloak() {
    }

    static ManagedProcess start(Path home, Path distZip, Path realmJson, int port, String javaHome) {
        Path dir = home.resolve("keycloak");
        try {
            if (!Files.isRegularFile(dir.resolve("bin/kc.sh"))) {
                if (!Files.isRegularFile(distZip)) {
                    throw new StackException("Keycloak distribution not found at " + distZip,
                            "run deploy/local/up, which downloads it from Maven Central");
                }
                Progress.say("  unpacking Keycloak (" + Files.size(distZip) / (1024 * 1024) + " MB) into " + dir);
                unzipStrippingTopDir(distZip, dir);
            }
            Path importDir = dir.resolve("data/import");
            Files.createDirectories(importDir);
            Files.copy(realmJson, importDir.resolve("marketplace-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StackException("Keycloak could not be prepared: " + e.getMessage(), "delete " + dir + " and start again");
        }
        String base = "http://127.0.0.1:" + port;
        Map<String, String> env = Map.of(
                "JAVA_HOME", javaHome,
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        ManagedProcess kc = ManagedProcess.start("keycloak",
                List.of(dir.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=" + port,
                        "--http-host=127.0.0.1", "--hostname=" + base, "--import-realm", "--health-enabled=true"),
                dir, env, home.resolve("logs/keycloak.log"));
        return kc;
    }

    static String issuer(int port) {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    static boolean ready(int port) {
        return Http.status(issuer(port) + "/.well-known/openid-configuration") == 200;
    }

    private static void unzipStrippingTopDir(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                String name = e.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = target.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside target: " + name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                    if (name.endsWith(".sh")) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }
}
