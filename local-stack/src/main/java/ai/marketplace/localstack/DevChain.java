package ai.marketplace.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.marketplace.testsupport.chain.HardhatNode;

/**
 * The local stack's Hardhat chain, kept across restarts. Hardhat keeps its state in memory only, so the stack
 * records every block into {@code chain/blocks.jsonl} while it runs ({@code test-support/chain/history.js record})
 * and on the next start mines the same blocks again into a node with the same genesis time ({@code replay}). The
 * blocks come out with the recorded hashes, so settlement's ledger, the treasury's token balances, linked addresses
 * and withdrawals all still agree with the chain. When the replay cannot reproduce the recorded head, the stack
 * says so and starts a new chain, and settlement starts from an empty ledger with it.
 *
 * @param kept whether the chain of the previous run was restored
 */
record DevChain(HardhatNode node, ManagedProcess recorder, boolean kept, String story) implements AutoCloseable {

    /** An idle chain still mines a block a second, so deposits gain confirmations. */
    static final long BLOCK_MS = 1000;

    static DevChain start(Path repo, Path home, int port, boolean fresh) {
        Path dir = home.resolve("chain");
        Path genesisFile = dir.resolve("genesis-time");
        Path blocks = dir.resolve("blocks.jsonl");
        Path tools = repo.resolve("test-support/chain");
        try {
            if (fresh) {
                LocalStackMain.deleteTree(dir);
            }
            Files.createDirectories(dir);
            HardhatNode node = null;
            String story;
            boolean kept = false;
            if (Files.isRegularFile(genesisFile) && Files.isRegularFile(blocks) && Files.size(blocks) > 0) {
                long genesis = Long.parseLong(Files.readString(genesisFile).strip());
                Progress.say("Hardhat chain: restoring the previous run's chain from " + blocks);
                node = HardhatNode.start(port, 0, genesis, true);
                Replay r = replay(tools, node, blocks, home.resolve("logs/chain-replay.log"));
                if (r.ok()) {
                    kept = true;
                    story = "restored (" + r.detail() + ")";
                } else {
                    node.close();
                    node = null;
                    story = "NEW: the previous chain could not be restored (" + r.detail() + ")";
                    Progress.say("The dev chain of the previous run could not be restored: " + r.detail() + ".");
                    Progress.say("Settlement starts from an empty ledger on a new chain: balances, linked addresses and"
                            + " withdrawals of earlier runs are gone (orders, licences, leases and reviews are kept).");
                }
            } else {
                story = "new";
            }
            if (node == null) {
                long genesis = System.currentTimeMillis() / 1000;
                Files.deleteIfExists(blocks);
                Files.createFile(blocks);
                Files.writeString(genesisFile, Long.toString(genesis));
                node = HardhatNode.start(port, BLOCK_MS, genesis, true);
            }
            // Its own session too: Ctrl-C reaches the stack only, which stops the recorder (it writes the last
            // blocks on its way out) after the services and before the chain.
            List<String> record = HardhatNode.inOwnSession(List.of(HardhatNode.node(), tools.resolve("history.js").toString(),
                    "record", "--rpc", node.rpcUrl(), "--file", blocks.toString()));
            ManagedProcess recorder = ManagedProcess.start("chain recorder", record,
                    tools, Map.of(), home.resolve("logs/chain-recorder.log"));
            return new DevChain(node, recorder, kept, story);
        } catch (IOException | NumberFormatException e) {
            throw new StackException("cannot keep the dev chain in " + dir + ": " + e.getMessage(),
                    "start with --fresh to begin a new chain");
        }
    }

    private record Replay(boolean ok, String detail) {
    }

    private static Replay replay(Path tools, HardhatNode node, Path blocks, Path log) throws IOException {
        Process p = new ProcessBuilder(HardhatNode.node(), tools.resolve("history.js").toString(), "replay", "--rpc",
                node.rpcUrl(), "--file", blocks.toString(), "--interval-ms", Long.toString(BLOCK_MS))
                .directory(tools.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long started = System.nanoTime();
            while (!p.waitFor(15, TimeUnit.SECONDS)) {
                Progress.say("  … still replaying the chain (" + Progress.took(started) + "), see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Replay(false, "interrupted");
        }
        List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = out.isEmpty() ? "no output" : out.get(out.size() - 1);
        if (p.exitValue() != 0) {
            return new Replay(false, last.replaceFirst("^history: ", ""));
        }
        // {"blocks":N,"transactions":M,"head":"0x…","seconds":S}
        return new Replay(true, last.replaceAll("[{}\"]", "").replace(":", " ").replace(",", ", "));
    }

    String rpcUrl() {
        return node.rpcUrl();
    }

    @Override
    public void close() {
        // The recorder writes the last blocks on its way out, so it stops before the chain.
        recorder.close();
        node.close();
    }
}
