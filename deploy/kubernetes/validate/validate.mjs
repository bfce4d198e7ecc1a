// Validates rendered Kubernetes objects (a JSON array on stdin) against the OpenAPI schemas of their kinds with
// kubernetes-models and its operator packages (CloudNativePG, Strimzi, Gateway API, Prometheus operator): required
// fields, types, enums. Unknown fields are caught by the fabric8/Strimzi parse in KubernetesManifestsTest; kinds
// without a schema package here are listed as not covered.
// Prints one line per problem and a summary; exits 1 on any problem.
import { readFileSync } from 'node:fs';
const input = readFileSync(0, 'utf8');
const objects = JSON.parse(input);
const modules = {
  'v1': 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'policy/v1': 'kubernetes-models/policy/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'gateway.networking.k8s.io/v1': '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  'postgresql.cnpg.io/v1': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1',
  'kafka.strimzi.io/v1': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1',
};
let validated = 0;
const problems = [];
const uncovered = new Set();
for (const o of objects) {
  const where = `${o.apiVersion}/${o.kind} ${o.metadata && o.metadata.name}`;
  const path = modules[o.apiVersion];
  if (!path) {
    uncovered.add(`${o.apiVersion}/${o.kind}`);
    continue;
  }
  let Model;
  try {
    Model = (await import(path))[o.kind];
    if (!Model) throw new Error(`no ${o.kind} in ${path}`);
  } catch (e) {
    problems.push(`${where}: no schema for this kind (${e.message.split('\n')[0]})`);
    continue;
  }
  try {
    new Model(o).validate();
    validated++;
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
  }
}
problems.forEach((p) => console.log('PROBLEM ' + p));
console.log(`validated=${validated} problems=${problems.length} uncovered=${[...uncovered].sort().join(',')}`);
process.exit(problems.length ? 1 : 0);
