package ai.marketplace.system;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the container suite only where a Docker engine answers and the service images are built; otherwise the
 * suite is skipped with one line saying why, so {@code ./mvnw verify} passes on a machine without Docker.
 */
final class DockerAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!Boolean.getBoolean("marketplace.system.containers")) {
            return ConditionEvaluationResult.disabled("runs in the Failsafe execution \"containers\" (-Dmarketplace.system.containers=true)");
        }
        String why = null;
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            why = "no Docker engine is reachable (start one, e.g. dockerd, or see .ci/run)";
        } else {
            for (String s : ai.marketplace.localstack.LocalStackMain.SERVICES) {
                String image = DeploymentSpec.read(ai.marketplace.testsupport.host.RepoRoot.get(), s).image();
                var found = DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(image).exec();
                if (found.isEmpty()) {
                    why = "image " + image + " is not built (the Maven profile \"images\" builds it where Docker runs)";
                    break;
                }
            }
        }
        if (why == null) {
            return ConditionEvaluationResult.enabled("Docker engine and the service images are available");
        }
        System.out.println("[container suite] SKIPPED: " + why);
        return ConditionEvaluationResult.disabled("container suite skipped: " + why);
    }
}
