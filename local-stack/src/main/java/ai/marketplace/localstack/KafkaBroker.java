package ai.marketplace.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.marketplace.testsupport.host.Ports;

/**
 * A single-node KRaft Kafka broker run from the Kafka jars in a child JVM, with its log directory kept between
 * runs (the local stack's data survives a restart).
 */
final class KafkaBroker {

    private KafkaBroker() {
    }

    static ManagedProcess start(Path home, int port, int controllerPort, String java, String classpath) {
        try {
            Path dir = home.resolve("kafka");
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            Path props = dir.resolve("server.properties");
            Files.writeString(props, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + data.toAbsolutePath(),
                    // One node: internal topics cannot have more replicas than brokers.
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "num.partitions=3",
                    "auto.create.topics.enable=true",
                    "log.retention.hours=168",
                    ""));
            Path log = home.resolve("logs/kafka.log");
            if (!Files.exists(data.resolve("meta.properties"))) {
                Progress.say("  formatting Kafka storage in " + data);
                ManagedProcess format = ManagedProcess.start("kafka-storage-format",
                        List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t",
                                UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", props.toString()),
                        dir, Map.of(), log);
                format.awaitReady(() -> !format.isAlive(), 120, "storage format");
                if (!Files.exists(data.resolve("meta.properties"))) {
                    throw new StackException("Kafka storage could not be formatted", "see its log: " + log);
                }
            }
            ManagedProcess broker = ManagedProcess.start("kafka",
                    List.of(java, "-Xms128m", "-Xmx512m", "-cp", classpath, "kafka.Kafka", props.toString()), dir,
                    Map.of(), log);
            broker.awaitReady(() -> Ports.isOpen(port), 120, "port " + port);
            return broker;
        } catch (IOException e) {
            throw new StackException("Kafka could not be prepared: " + e.getMessage(), "check that " + home + " is writable");
        }
    }
}
