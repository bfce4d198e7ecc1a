package ai.marketplace.testsupport.host;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the {@code marketplace.root} property (set by the build), else walks up. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path get() {
        String prop = System.getProperty("marketplace.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "test-support"))) {
            return Path.of(prop).toAbsolutePath();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("test-support/chain"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("Cannot find the repository root; run from inside the checkout or set -Dmarketplace.root");
    }
}
