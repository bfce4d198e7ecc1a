package ai.marketplace.testsupport.chain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.marketplace.testsupport.host.Ports;
import ai.marketplace.testsupport.host.RepoRoot;

/**
 * A Hardhat 2.x dev chain (chain id 1337) run from {@code test-support/chain}, whose {@code node_modules} the build
 * installs with {@code npm ci} from the committed lockfile. Started on a free port, stopped with the JVM.
 */
public record HardhatNode(Process process, int port, Path log) implements AutoCloseable {

    public static final long CHAIN_ID = 1337;

    /** Hardhat's account #0 key, published with Hardhat: the local stack's operator (deployer, payouts, anchors). */
    public static final String OPERATOR_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /** Hardhat's well-known test accounts #1..#5 (public mnemonic; #0 is the settlement service's signer). */
    public static final java.util.List<String> DEV_ACCOUNTS = java.util.List.of(
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
            "0x90f79bf6eb2c4f870365e785982e1f101e93b906", "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
            "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc");

    public static HardhatNode start() {
        return start(Ports.free(), 0);
    }

    /**
     * @param blockIntervalMs 0 mines a block per transaction; more mines on a timer (for confirmation tests)
     */
    public static HardhatNode start(int port, long blockIntervalMs) {
        return start(port, blockIntervalMs, null);
    }

    /**
     * @param genesisTime the genesis block's time (unix seconds), so that a chain recorded before can be mined
     *        again block for block (the local stack's {@code history.js}); null for now
     */
    public static HardhatNode start(int port, long blockIntervalMs, Long genesisTime) {
        return start(port, blockIntervalMs, genesisTime, false);
    }

    /**
     * @param managed the caller stops the node in its own order (no shutdown hook of the node's own), and the node
     *        runs in a session of its own ({@code setsid}), so a terminal's Ctrl-C reaches only the caller — the local
     *        stack stops the services and the chain recorder before the chain
     */
    public static HardhatNode start(int port, long blockIntervalMs, Long genesisTime, boolean managed) {
        Path dir = RepoRoot.get().resolve("test-support/chain");
        Path hardhat = dir.resolve("node_modules/hardhat/internal/cli/bootstrap.js");
        if (!Files.isRegularFile(hardhat)) {
            throw new IllegalStateException("Hardhat is not installed in " + dir
                    + "; run ./mvnw -pl test-support generate-resources (it runs npm ci)");
        }
        try {
            Path log = Files.createTempFile("hardhat-", ".log");
            List<String> cmd = new ArrayList<>(List.of(node(), hardhat.toString(), "node", "--hostname", "127.0.0.1",
                    "--port", Integer.toString(port)));
            if (managed) {
                cmd = inOwnSession(cmd);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
            pb.environment().put("MARKETPLACE_CHAIN_BLOCK_MS", Long.toString(blockIntervalMs));
            if (genesisTime != null) {
                pb.environment().put("MARKETPLACE_CHAIN_GENESIS_TIME", Long.toString(genesisTime));
            }
            Process p = pb.start();
            var node = new HardhatNode(p, port, log);
            if (!managed) {
                Runtime.getRuntime().addShutdownHook(new Thread(node::close));
            }
            node.awaitReady(Duration.ofSeconds(60));
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Hardhat: " + e.getMessage(), e);
        }
    }

    /**
     * {@code command} run in a session of its own where {@code setsid} exists: a terminal's Ctrl-C then reaches only
     * the process that started it, which stops it in its own order.
     */
    public static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command);
        wrapped.add(0, "/usr/bin/setsid");
        return wrapped;
    }

    /** The Node.js binary: {@code MARKETPLACE_NODE}, else {@code node} on the PATH. */
    public static String node() {
        String fromEnv = System.getenv("MARKETPLACE_NODE");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "node";
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hardhat exited early: " + tail());
            }
            try {
                if ("0x539".equals(rpcResult("eth_chainId"))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Hardhat did not answer within " + timeout + ": " + tail());
    }

    /** One JSON-RPC call without parameters; returns the raw {@code result} text (minimal parsing, no deps). */
    public String rpcResult(String method) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[]}";
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(rpcUrl()))
                    .timeout(Duration.ofSeconds(5))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String s = r.body();
            int i = s.indexOf("\"result\":\"");
            if (i < 0) {
                throw new IOException("no result in " + s);
            }
            int start = i + "\"result\":\"".length();
            return s.substring(start, s.indexOf('"', start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
