package ai.marketplace.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import ai.marketplace.testsupport.chain.HardhatNode;
import ai.marketplace.testsupport.host.Ports;
import ai.marketplace.testsupport.kafka.EmbeddedKafkaAdmin;
import ai.marketplace.testsupport.postgres.EmbeddedPostgresServer;

/**
 * The whole marketplace on 127.0.0.1: PostgreSQL (one database per service), a Kafka broker, the Hardhat
 * chain, Keycloak with the marketplace realm, the five services and a gateway. Ctrl-C stops everything.
 * Started by {@code deploy/local/up}, which builds what is missing and passes the paths below.
 */
public final class LocalStackMain {

    public static final List<String> SERVICES = List.of("catalog", "compute", "settlement", "reputation", "partner");

    private final List<AutoCloseable> running = new ArrayList<>();
    // What fault injection restarts (the chaos run): replaced in place, so stopAll always stops the current one.
    private volatile EmbeddedPostgresServer pg;
    private volatile ManagedProcess kafka;
    // service → its replicas, by replica number; an entry is replaced in place when a replica is restarted.
    private final Map<String, List<ServiceRunner.Instance>> replicas = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> serviceEnvs = new LinkedHashMap<>();
    private final Map<String, List<Integer>> servicePorts = new LinkedHashMap<>();
    private final Map<String, String> extraServiceEnv = new LinkedHashMap<>();
    private Options options;
    private ServiceRunner runner;
    private int replicaCount = 1;
    private Gateway gateway;

    /**
     * The whole stack on free ports in {@code home} (wiped first), for system tests: the same Keycloak realm,
     * PostgreSQL, Kafka broker, Hardhat chain, packaged services and gateway as {@code deploy/local/up}, with
     * {@code serviceEnv} added to every service's environment (e.g. shorter timers). Stop it with {@link #stopAll()}.
     */
    public static LocalStackMain startForTests(Path repo, Path home, Path keycloakDist, String classpath,
            Map<String, String> serviceEnv) {
        return startForTests(repo, home, keycloakDist, classpath, serviceEnv, null, 1);
    }

    /**
     * As above, with each service run by {@code runner} (null: as processes, like {@code deploy/local/up}) in
     * {@code replicas} replicas on ports of their own, the gateway spreading requests over the ready ones.
     */
    public static LocalStackMain startForTests(Path repo, Path home, Path keycloakDist, String classpath,
            Map<String, String> serviceEnv, ServiceRunner runner, int replicas) {
        String javaHome = System.getProperty("java.home");
        int services = consecutiveFreePorts(SERVICES.size() * replicas);
        int kafka = consecutiveFreePorts(2);
        Options o = new Options(repo, home, true, keycloakDist, repo.resolve("deploy/local/keycloak/marketplace-realm.json"),
                Path.of(javaHome, "bin", "java").toString(), javaHome, classpath, ai.marketplace.testsupport.host.Ports.free(),
                services, ai.marketplace.testsupport.host.Ports.free(), ai.marketplace.testsupport.host.Ports.free(),
                ai.marketplace.testsupport.host.Ports.free(), kafka, Set.of());
        var stack = new LocalStackMain();
        stack.extraServiceEnv.putAll(serviceEnv);
        stack.runner = runner;
        stack.replicaCount = replicas;
        try {
            stack.start(o);
        } catch (RuntimeException e) {
            stack.stopAll();
            throw e;
        }
        return stack;
    }

    /** Requests the gateway has sent to each replica port. */
    public Map<Integer, Long> gatewayForwarded() {
        return gateway == null ? Map.of() : gateway.forwarded();
    }

    public int gatewayPort() {
        return options.gatewayPort();
    }

    public int keycloakPort() {
        return options.keycloakPort();
    }

    public int chainPort() {
        return options.chainPort();
    }

    public int pgPort() {
        return options.pgPort();
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + options.kafkaPort();
    }

    /** The services' names, for fault injection. */
    public List<String> services() {
        return SERVICES;
    }

    /** SIGKILL of every replica: no shutdown hook, no graceful close of connections or transactions — a crash. */
    public void killService(String service) {
        replicas.get(service).forEach(ServiceRunner.Instance::kill);
    }

    /** SIGKILL of one replica. */
    public void killReplica(String service, int replica) {
        replicas.get(service).get(replica).kill();
    }

    /** Starts the killed replicas of a service again with the same configuration and ports, and waits until ready. */
    public void startService(String service) {
        for (int r = 0; r < replicas.get(service).size(); r++) {
            if (!replicas.get(service).get(r).isAlive()) {
                startReplica(service, r);
            }
        }
    }

    /** Starts one replica (again) with its configuration and port, and waits until it is ready. */
    public void startReplica(String service, int replica) {
        int port = servicePorts.get(service).get(replica);
        replicas.get(service).get(replica).close();
        ServiceRunner.Instance p = runner.start(service, replica, port, serviceEnvs.get(service));
        replicas.get(service).set(replica, p);
        p.awaitReady(() -> ServiceLauncher.ready(port), 300, "/q/health/ready");
    }

    /** The ports of a service's replicas on 127.0.0.1, by replica number. */
    public List<Integer> replicaPorts(String service) {
        return List.copyOf(servicePorts.get(service));
    }

    /** A service's replicas as they run now, by replica number. */
    public List<ServiceRunner.Instance> replicas(String service) {
        return List.copyOf(replicas.get(service));
    }

    /** Stops the broker (SIGTERM, controlled shutdown) and starts it again on the same ports with the same data. */
    public void restartKafka() {
        kafka.close();
        kafka = KafkaBroker.start(options.home(), options.kafkaPort(), options.kafkaPort() + 1, options.java(),
                options.classpath());
    }

    /** Stops PostgreSQL (fast shutdown: every session is cut) and starts it again on the same port and data. */
    public void restartPostgres() {
        pg.restart();
    }

    private static int consecutiveFreePorts(int n) {
        java.util.Random r = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            // Below Linux's ephemeral range (32768-60999): a port chosen there can be taken, before the service binds
            // it, as the local end of any outgoing connection (seen: catalog-service failing with "port in use").
            int base = 20_000 + r.nextInt(32_768 - 20_000 - n);
            boolean free = true;
            for (int i = 0; i < n && free; i++) {
                free = !ai.marketplace.testsupport.host.Ports.isOpen(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new StackException("no " + n + " consecutive free ports found", "free some local ports and retry");
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        var stack = new LocalStackMain();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stopAll();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start(o);
        } catch (StackException e) {
            System.err.println();
            System.err.println("error: " + e.getMessage());
            System.err.println("next:  " + e.next());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("error: " + e);
            System.err.println("next:  see the logs under " + o.home().resolve("logs") + ", then start again (add --fresh to wipe data)");
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void start(Options o) {
        this.options = o;
        long t0 = System.nanoTime();
        Path home = o.home();
        Progress.say("Starting the AI marketplace locally (data in " + home + ")");
        checkPorts(o);
        prepareHome(home, o.fresh());
        writePid(home);

        Progress.say("Keycloak: starting on :" + o.keycloakPort() + " (first start builds Keycloak: 1–3 min)");
        ManagedProcess kc = Keycloak.start(home, o.keycloakDist(), o.realm(), o.keycloakPort(), o.javaHome());
        running.add(kc);

        long t = System.nanoTime();
        Progress.say("PostgreSQL 17: starting on :" + o.pgPort());
        pg = EmbeddedPostgresServer.startPersistent(o.pgPort(), home.resolve("pg"));
        running.add(() -> pg.close());
        for (String s : SERVICES) {
            if (!s.equals("settlement")) {
                pg.createDatabaseIfMissing(s);
            }
        }
        Progress.say("PostgreSQL ready (" + Progress.took(t) + ")");

        t = System.nanoTime();
        Progress.say("Kafka (KRaft): starting on :" + o.kafkaPort());
        kafka = KafkaBroker.start(home, o.kafkaPort(), o.kafkaPort() + 1, o.java(), o.classpath());
        running.add(() -> kafka.close());
        EmbeddedKafkaAdmin.createTopics("127.0.0.1:" + o.kafkaPort(), 3, java.util.stream.Stream.concat(
                SERVICES.stream().map(s -> "marketplace." + s + ".v1"), java.util.stream.Stream.of("marketplace.settlement.private.v1"))
                .toArray(String[]::new));
        Progress.say("Kafka ready with topics marketplace.{" + String.join(",", SERVICES) + "}.v1 and marketplace.settlement.private.v1 ("
                + Progress.took(t) + ")");

        t = System.nanoTime();
        Progress.say("Hardhat chain: starting on :" + o.chainPort());
        DevChain chain = DevChain.start(o.repo(), home, o.chainPort(), o.fresh());
        running.add(chain);
        if (chain.kept()) {
            pg.createDatabaseIfMissing("settlement");
        } else {
            // A ledger of custody on a chain that no longer exists would never reconcile: settlement starts from
            // an empty ledger with a new chain.
            pg.recreateDatabase("settlement");
        }
        Progress.say("Chain ready, id " + HardhatNode.CHAIN_ID + ", " + chain.story() + " (" + Progress.took(t) + ")");

        Progress.say("Waiting for Keycloak realm '" + Keycloak.REALM + "'");
        kc.awaitReady(() -> Keycloak.ready(o.keycloakPort()), 600, "realm endpoint");
        Progress.say("Keycloak ready");

        t = System.nanoTime();
        if (runner == null) {
            runner = new ServiceLauncher(o.repo(), home, o.java());
        }
        List<Map.Entry<String, Integer>> starting = new ArrayList<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String s = SERVICES.get(i);
            Map<String, String> env = serviceEnv(o, s, chain);
            serviceEnvs.put(s, env);
            List<Integer> ports = new ArrayList<>();
            for (int r = 0; r < replicaCount; r++) {
                ports.add(o.firstServicePort() + i * replicaCount + r);
            }
            servicePorts.put(s, ports);
            replicas.put(s, new java.util.concurrent.CopyOnWriteArrayList<>());
            if (o.except().contains(s)) {
                Progress.say(s + "-service: not started (--except); the gateway routes to :" + ports.get(0)
                        + ", where ./mvnw -pl " + s + "-service quarkus:dev listens");
                continue;
            }
            running.add(() -> replicas.get(s).forEach(ServiceRunner.Instance::close));
            for (int r = 0; r < replicaCount; r++) {
                int port = ports.get(r);
                if (r == 1 && s.equals("settlement")) {
                    // The first replica deploys the dev chain's contracts and records them; the others reuse them.
                    replicas.get(s).get(0).awaitReady(() -> ServiceLauncher.ready(ports.get(0)), 300, "/q/health/ready");
                }
                Progress.say(s + "-service" + (replicaCount > 1 ? " replica " + r : "") + ": starting on :" + port);
                replicas.get(s).add(runner.start(s, r, port, env));
                starting.add(Map.entry(s, r));
            }
        }
        for (var e : starting) {
            int port = servicePorts.get(e.getKey()).get(e.getValue());
            replicas.get(e.getKey()).get(e.getValue()).awaitReady(() -> ServiceLauncher.ready(port), 300, "/q/health/ready");
            Progress.say(e.getKey() + "-service" + (replicaCount > 1 ? " replica " + e.getValue() : "") + " ready");
        }
        Progress.say("Services ready (" + Progress.took(t) + ")");

        gateway = Gateway.start(o.gatewayPort(), servicePorts, Keycloak.issuer(o.keycloakPort()));
        running.add(gateway);
        Progress.say("Gateway ready on :" + o.gatewayPort());
        printSummary(o, chain, Progress.took(t0));
    }

    /**
     * A service's whole configuration, complete for the production profile the images run: the process runner adds
     * only the local profile (text logs); nothing is left to a profile's defaults.
     */
    private Map<String, String> serviceEnv(Options o, String s, DevChain chain) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + o.pgPort() + "/" + s);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + o.pgPort() + "/" + s);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + o.kafkaPort());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", Keycloak.issuer(o.keycloakPort()));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("MARKETPLACE_HTTP_ALLOWED_ORIGINS", "http://127.0.0.1:" + o.gatewayPort() + ",http://localhost:" + o.gatewayPort());
        // Production requires real secrets; the local stack generates one per data directory.
        env.put("MARKETPLACE_CATALOG_LICENCE_KEY_SECRET", localSecret(o.home(), "licence-key"));
        env.putAll(extraServiceEnv);
        if (s.equals("partner")) {
            // Partners' receivers on this machine (deploy/local/webhook-receiver, the tests') listen on loopback.
            env.put("MARKETPLACE_PARTNER_ALLOW_LOOPBACK", "true");
        }
        if (s.equals("settlement")) {
            env.put("MARKETPLACE_CHAIN_RPC_URL", chain.rpcUrl());
            env.put("MARKETPLACE_CHAIN_CHAIN_ID", Long.toString(HardhatNode.CHAIN_ID));
            // Deploy MarketToken + Treasury on the dev chain and give Hardhat accounts #1..#5 tokens to deposit.
            env.put("MARKETPLACE_CHAIN_DEV_DEPLOY", "true");
            env.put("MARKETPLACE_CHAIN_OPERATOR_KEY", HardhatNode.OPERATOR_KEY);
            env.put("MARKETPLACE_CHAIN_DEV_FUNDED_ADDRESSES", String.join(",", HardhatNode.DEV_ACCOUNTS));
            // Hardhat has no finalized block worth the name: 2 blocks deep (production: the node's finalized block).
            env.putIfAbsent("MARKETPLACE_CHAIN_FINALITY", "DEPTH");
            env.putIfAbsent("MARKETPLACE_CHAIN_CONFIRMATIONS", "2");
            // Demo users withdraw single base units for free (production: 1 token minimum, 0.1 token fee).
            env.putIfAbsent("MARKETPLACE_SETTLEMENT_WITHDRAWALS_MINIMUM", "1");
            env.putIfAbsent("MARKETPLACE_SETTLEMENT_WITHDRAWALS_FEE", "0");
        }
        return env;
    }

    /** A random secret kept in the stack's home, so keys stay valid across restarts until --fresh. */
    static String localSecret(Path home, String name) {
        Path file = home.resolve("secrets/" + name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] b = new byte[32];
                new java.security.SecureRandom().nextBytes(b);
                Files.writeString(file, java.util.HexFormat.of().formatHex(b));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new StackException("cannot keep secrets in " + file.getParent() + ": " + e.getMessage(),
                    "check the directory's permissions");
        }
    }

    private void checkPorts(Options o) {
        Map<Integer, String> needed = new LinkedHashMap<>();
        needed.put(o.gatewayPort(), "gateway");
        for (int i = 0; i < SERVICES.size(); i++) {
            if (!o.except().contains(SERVICES.get(i))) {
                needed.put(o.firstServicePort() + i, SERVICES.get(i) + "-service");
            }
        }
        needed.put(o.keycloakPort(), "Keycloak");
        needed.put(o.chainPort(), "Hardhat chain");
        needed.put(o.pgPort(), "PostgreSQL");
        needed.put(o.kafkaPort(), "Kafka");
        needed.put(o.kafkaPort() + 1, "Kafka controller");
        for (var e : needed.entrySet()) {
            if (Ports.isOpen(e.getKey())) {
                throw new StackException("port " + e.getKey() + " (for " + e.getValue() + ") is already in use",
                        "stop what listens there (ss -ltnp 'sport = :" + e.getKey() + "'), or is a stack already running?");
            }
        }
    }

    private static void prepareHome(Path home, boolean fresh) {
        try {
            Files.createDirectories(home);
            if (fresh) {
                Progress.say("--fresh: wiping PostgreSQL, Kafka, Keycloak and dev chain data and logs");
                for (String dir : new String[] { "pg", "kafka", "keycloak/data/h2", "logs", "secrets" }) {
                    deleteTree(home.resolve(dir));
                }
            }
            Files.createDirectories(home.resolve("logs"));
        } catch (IOException e) {
            throw new StackException("cannot prepare " + home + ": " + e.getMessage(), "check the directory's permissions");
        }
    }

    private static void writePid(Path home) {
        try {
            Files.writeString(home.resolve("stack.pid"), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            // only informative
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    public void stopAll() {
        if (running.isEmpty()) {
            return;
        }
        Progress.say("Stopping everything…");
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        running.clear();
        Progress.say("Stopped. Data is kept in the stack's home; start with --fresh to wipe it.");
    }

    private static void printSummary(Options o, DevChain chain, String took) {
        String kc = "http://127.0.0.1:" + o.keycloakPort();
        StringBuilder b = new StringBuilder();
        b.append("\n================================================================================\n");
        b.append(" The AI marketplace is up (started in ").append(took).append(")\n\n");
        b.append(" Base URL (gateway):   http://127.0.0.1:").append(o.gatewayPort()).append("/v1/...\n");
        b.append(" API docs:             http://127.0.0.1:").append(o.gatewayPort())
                .append("/q/swagger-ui  (Authorize signs in with a demo user)\n");
        b.append(" Keycloak:             ").append(kc).append("  (admin console: admin / admin)\n");
        b.append(" Realm:                ").append(Keycloak.issuer(o.keycloakPort())).append('\n');
        b.append(" Demo users (password = user name + \"-pass\"):\n");
        b.append("   provider1 provider2 (provider)  buyer1 buyer2 (buyer)  validator1..3 (validator)  operator1 (operator)\n");
        b.append("   tokens last 15 minutes\n");
        b.append(" Partner client (client credentials): marketplace-partner / partner-local-secret\n");
        b.append(" Chain RPC:            ").append(chain.rpcUrl()).append("  (chain id 1337, ").append(chain.story()).append(")\n");
        b.append(" PostgreSQL:           127.0.0.1:").append(o.pgPort()).append("  (postgres / postgres)\n");
        b.append(" Kafka:                127.0.0.1:").append(o.kafkaPort()).append('\n');
        b.append(" Logs:                 ").append(o.home().resolve("logs")).append("\n\n");
        b.append(" Get a token and make a first call:\n");
        b.append("   TOKEN=$(curl -s -d grant_type=password -d client_id=marketplace-web \\\n");
        b.append("     -d username=provider1 -d password=provider1-pass \\\n");
        b.append("     ").append(Keycloak.issuer(o.keycloakPort())).append("/protocol/openid-connect/token \\\n");
        b.append("     | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n");
        b.append("   curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n");
        b.append("     -d '{\"kind\":\"MODEL\",\"name\":\"My first model\"}' http://127.0.0.1:")
                .append(o.gatewayPort()).append("/v1/assets\n\n");
        b.append(" Money in and out (README):  deploy/local/fund buyer1 5000000000000000000   deploy/local/link-address provider1\n");
        b.append(" Smoke test:  deploy/local/smoke        Stop: Ctrl-C (data is kept; deploy/local/up --fresh wipes it)\n");
        b.append("================================================================================\n");
        System.out.println(b);
        System.out.flush();
    }

    record Options(Path repo, Path home, boolean fresh, Path keycloakDist, Path realm, String java, String javaHome,
            String classpath, int gatewayPort, int firstServicePort, int keycloakPort, int chainPort, int pgPort,
            int kafkaPort, Set<String> except) {

        static final String USAGE = "usage: LocalStackMain --repo DIR --keycloak-dist ZIP --classpath CP [--home DIR] [--fresh]"
                + " [--except SERVICE[,SERVICE]]";

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            boolean fresh = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--fresh")) {
                    fresh = true;
                } else if (a.startsWith("--") && i + 1 < args.length) {
                    m.put(a.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            Path repo = Path.of(req(m, "repo")).toAbsolutePath().normalize();
            Path home = Path.of(m.getOrDefault("home", repo.resolve(".local").toString())).toAbsolutePath().normalize();
            String javaHome = System.getProperty("java.home");
            return new Options(repo, home, fresh, Path.of(req(m, "keycloak-dist")),
                    repo.resolve("deploy/local/keycloak/marketplace-realm.json"),
                    Path.of(javaHome, "bin", "java").toString(), javaHome, req(m, "classpath"),
                    port(m, "gateway-port", "MARKETPLACE_GATEWAY_PORT", 8080),
                    port(m, "service-port", "MARKETPLACE_SERVICE_PORT", 8081),
                    port(m, "keycloak-port", "MARKETPLACE_KEYCLOAK_PORT", 8180),
                    port(m, "chain-port", "MARKETPLACE_CHAIN_PORT", 8545),
                    port(m, "pg-port", "MARKETPLACE_PG_PORT", 15432),
                    port(m, "kafka-port", "MARKETPLACE_KAFKA_PORT", 19092), except(m.get("except")));
        }

        /** {@code --except compute-service,catalog}: services the stack leaves to {@code quarkus:dev}. */
        static Set<String> except(String value) {
            if (value == null || value.isBlank()) {
                return Set.of();
            }
            Set<String> out = new LinkedHashSet<>();
            for (String v : value.split(",")) {
                String s = v.strip().replaceFirst("-service$", "");
                if (!SERVICES.contains(s)) {
                    throw new IllegalArgumentException("--except: no service " + v.strip() + " (one of "
                            + SERVICES.stream().map(x -> x + "-service").toList() + ")");
                }
                out.add(s);
            }
            return Set.copyOf(out);
        }

        private static String req(Map<String, String> m, String key) {
            String v = m.get(key);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("--" + key + " is required");
            }
            return v;
        }

        private static int port(Map<String, String> m, String key, String env, int dflt) {
            String v = m.getOrDefault(key, System.getenv(env));
            if (v == null || v.isBlank()) {
                return dflt;
            }
            try {
                int p = Integer.parseInt(v);
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a port number, not " + v);
            }
        }
    }
}
