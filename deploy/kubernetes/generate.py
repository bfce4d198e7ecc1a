#!/usr/bin/env python3
"""Writes the Kustomize base under deploy/kubernetes/base from one description of the four services, so every
service gets the same hardened Deployment, Service, ServiceAccount, HPA, PDB and NetworkPolicy, and the
infrastructure (Strimzi, CloudNativePG, Keycloak operator), gateway routes and observability objects agree with
it. Overlays (overlays/dev, overlays/prod) are hand-written. Run after changing a service's needs:
    python3 deploy/kubernetes/generate.py
KubernetesManifestsTest renders every overlay and validates every object."""
import json, os, sys, tempfile
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CHECK = '--check' in sys.argv  # compare with the committed base instead of writing it
BASE = tempfile.mkdtemp() if CHECK else os.path.join(HERE, 'base')

# First path segment after /v1 → service (the same table as the local gateway, infra Gateway.ROUTES).
SERVICES = {
    'catalog':    {'paths': ['assets', 'publishers', 'orders', 'licences', 'search', 'abuse-reports'], 'chain': False},
    'compute':    {'paths': ['offers', 'leases'], 'chain': False},
    'settlement': {'paths': ['accounts', 'ledger', 'withdrawals', 'stakes', 'chain'], 'chain': True},
    'reputation': {'paths': ['reputation', 'reviews', 'attestations', 'validators'], 'chain': False},
}
LABELS = {'app.kubernetes.io/part-of': 'ai-marketplace'}


def meta(name, component=None, **extra):
    labels = dict(LABELS)
    if component:
        labels['app.kubernetes.io/name'] = component
    m = {'name': name, 'labels': labels}
    m.update(extra)
    return m


def service_objects(svc, spec):
    name = svc + '-service'
    sel = {'app.kubernetes.io/name': name}
    env_from = [{'configMapRef': {'name': name}}]
    env = [
        {'name': 'QUARKUS_DATASOURCE_USERNAME', 'valueFrom': {'secretKeyRef': {'name': svc + '-db-app', 'key': 'username'}}},
        {'name': 'QUARKUS_DATASOURCE_PASSWORD', 'valueFrom': {'secretKeyRef': {'name': svc + '-db-app', 'key': 'password'}}},
        {'name': 'KAFKA_SASL_JAAS_CONFIG', 'valueFrom': {'secretKeyRef': {'name': name, 'key': 'sasl.jaas.config'}}},
    ]
    if svc == 'catalog':
        env.append({'name': 'MARKETPLACE_CATALOG_LICENCE_KEY_SECRET', 'valueFrom': {'secretKeyRef': {'name': 'catalog-secrets', 'key': 'licence-key-secret'}}})
    if svc == 'settlement':
        env.append({'name': 'MARKETPLACE_CHAIN_OPERATOR_KEY', 'valueFrom': {'secretKeyRef': {'name': 'settlement-chain', 'key': 'operator-key'}}})
    config = {
        'QUARKUS_HTTP_PORT': '8080',
        'QUARKUS_DATASOURCE_REACTIVE_URL': 'postgresql://%s-db-rw:5432/%s' % (svc, svc),
        'QUARKUS_DATASOURCE_JDBC_URL': 'jdbc:postgresql://%s-db-rw:5432/%s' % (svc, svc),
        'KAFKA_BOOTSTRAP_SERVERS': 'marketplace-kafka-bootstrap:9093',
        'KAFKA_SECURITY_PROTOCOL': 'SASL_SSL',
        'KAFKA_SASL_MECHANISM': 'SCRAM-SHA-512',
        'KAFKA_SSL_TRUSTSTORE_TYPE': 'PEM',
        'KAFKA_SSL_TRUSTSTORE_LOCATION': '/etc/kafka-ca/ca.crt',
        'QUARKUS_OIDC_AUTH_SERVER_URL': 'https://auth.marketplace.example/realms/marketplace',
        'QUARKUS_OIDC_TOKEN_AUDIENCE': 'marketplace-api',
        # Browsers may call the API only from the gateway's public origin (CORS).
        'MARKETPLACE_HTTP_ALLOWED_ORIGINS': 'https://api.marketplace.example',
        # Forwarded headers (the public host and scheme for links, the client's address for rate limits) are
        # honoured only from these addresses: the Gateway API implementation's pods. Set your cluster's pod range.
        'MARKETPLACE_HTTP_TRUSTED_PROXIES': '10.0.0.0/8',
        'QUARKUS_OTEL_TRACES_EXPORTER': 'cdi',
        'QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT': 'http://otel-collector.observability:4317',
        'QUARKUS_LOG_CONSOLE_JSON_ENABLED': 'true',
    }
    if svc == 'settlement':
        config.update({
            'MARKETPLACE_CHAIN_RPC_URL': 'https://rpc.chain.example',
            'MARKETPLACE_CHAIN_CHAIN_ID': '1337',
            'MARKETPLACE_CHAIN_TOKEN_ADDRESS': '0x0000000000000000000000000000000000000000',
            'MARKETPLACE_CHAIN_TREASURY_ADDRESS': '0x0000000000000000000000000000000000000000',
            'MARKETPLACE_CHAIN_DEV_DEPLOY': 'false',
            # Final = the node's finalized block; the depth is the fallback for nodes without that tag.
            'MARKETPLACE_CHAIN_FINALITY': 'FINALIZED',
            'MARKETPLACE_CHAIN_CONFIRMATIONS': '64',
        })
    probe = lambda path, period, failures: {'httpGet': {'path': path, 'port': 'http'}, 'periodSeconds': period,
                                             'failureThreshold': failures, 'timeoutSeconds': 3}
    container = {
        'name': name,
        'image': 'ghcr.io/ai-marketplace/%s:0.1.0' % name,
        'imagePullPolicy': 'IfNotPresent',
        'ports': [{'name': 'http', 'containerPort': 8080, 'protocol': 'TCP'}],
        'envFrom': env_from,
        'env': env,
        'resources': {'requests': {'cpu': '250m', 'memory': '384Mi'}, 'limits': {'cpu': '1', 'memory': '768Mi'}},
        'startupProbe': probe('/q/health/started', 5, 60),
        'livenessProbe': probe('/q/health/live', 10, 3),
        'readinessProbe': probe('/q/health/ready', 5, 3),
        'securityContext': {'runAsNonRoot': True, 'runAsUser': 185, 'allowPrivilegeEscalation': False,
                            'readOnlyRootFilesystem': True, 'capabilities': {'drop': ['ALL']},
                            'seccompProfile': {'type': 'RuntimeDefault'}},
        'volumeMounts': [{'name': 'tmp', 'mountPath': '/tmp'}, {'name': 'kafka-ca', 'mountPath': '/etc/kafka-ca', 'readOnly': True}],
    }
    deployment = {
        'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': meta(name, name),
        'spec': {
            'replicas': 2,
            'revisionHistoryLimit': 5,
            'selector': {'matchLabels': sel},
            'strategy': {'type': 'RollingUpdate', 'rollingUpdate': {'maxUnavailable': 0, 'maxSurge': 1}},
            'template': {
                'metadata': {'labels': dict(sel, **LABELS, **{'marketplace/kafka-client': 'true', 'marketplace/db-client': svc})},
                'spec': {
                    'serviceAccountName': name,
                    'automountServiceAccountToken': False,
                    'securityContext': {'runAsNonRoot': True, 'fsGroup': 185, 'seccompProfile': {'type': 'RuntimeDefault'}},
                    'terminationGracePeriodSeconds': 30,
                    'topologySpreadConstraints': [{'maxSkew': 1, 'topologyKey': 'kubernetes.io/hostname',
                                                   'whenUnsatisfiable': 'ScheduleAnyway', 'labelSelector': {'matchLabels': sel}}],
                    'containers': [container],
                    'volumes': [{'name': 'tmp', 'emptyDir': {}},
                                {'name': 'kafka-ca', 'secret': {'secretName': 'marketplace-cluster-ca-cert', 'items': [{'key': 'ca.crt', 'path': 'ca.crt'}]}}],
                },
            },
        },
    }
    egress = [
        {'to': [{'namespaceSelector': {}, 'podSelector': {'matchLabels': {'k8s-app': 'kube-dns'}}}],
         'ports': [{'protocol': 'UDP', 'port': 53}, {'protocol': 'TCP', 'port': 53}]},
        {'to': [{'podSelector': {'matchLabels': {'cnpg.io/cluster': svc + '-db'}}}], 'ports': [{'protocol': 'TCP', 'port': 5432}]},
        {'to': [{'podSelector': {'matchLabels': {'strimzi.io/cluster': 'marketplace', 'strimzi.io/kind': 'Kafka'}}}],
         'ports': [{'protocol': 'TCP', 'port': 9093}]},
        {'to': [{'podSelector': {'matchLabels': {'app': 'keycloak'}}}], 'ports': [{'protocol': 'TCP', 'port': 8443}]},
        {'to': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'observability'}}}],
         'ports': [{'protocol': 'TCP', 'port': 4317}]},
    ]
    if spec['chain']:
        # The chain RPC endpoint is outside the cluster: HTTPS only.
        egress.append({'to': [{'ipBlock': {'cidr': '0.0.0.0/0', 'except': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']}}],
                       'ports': [{'protocol': 'TCP', 'port': 443}]})
    return [
        {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': meta(name, name), 'data': config},
        {'apiVersion': 'v1', 'kind': 'ServiceAccount', 'metadata': meta(name, name), 'automountServiceAccountToken': False},
        deployment,
        {'apiVersion': 'v1', 'kind': 'Service', 'metadata': meta(name, name),
         'spec': {'selector': sel, 'ports': [{'name': 'http', 'port': 80, 'targetPort': 'http', 'protocol': 'TCP'}]}},
        {'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler', 'metadata': meta(name, name),
         'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': name},
                  'minReplicas': 2, 'maxReplicas': 6,
                  'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': 70}}}]}},
        {'apiVersion': 'policy/v1', 'kind': 'PodDisruptionBudget', 'metadata': meta(name, name),
         'spec': {'maxUnavailable': 1, 'selector': {'matchLabels': sel}}},
        {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': meta(name, name),
         'spec': {'podSelector': {'matchLabels': sel}, 'policyTypes': ['Ingress', 'Egress'],
                  'ingress': [
                      {'from': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'gateway-system'}}}],
                       'ports': [{'protocol': 'TCP', 'port': 8080}]},
                      {'from': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'monitoring'}}}],
                       'ports': [{'protocol': 'TCP', 'port': 8080}]}],
                  'egress': egress}},
        {'apiVersion': 'monitoring.coreos.com/v1', 'kind': 'ServiceMonitor', 'metadata': meta(name, name),
         'spec': {'selector': {'matchLabels': {'app.kubernetes.io/name': name}},
                  'endpoints': [{'port': 'http', 'path': '/q/metrics', 'interval': '30s'}]}},
    ]


PRIVATE_TOPICS = {'settlement'}

CONSUMES = {'catalog': ['settlement', 'reputation'], 'compute': ['settlement', 'reputation'],
            'settlement': ['catalog', 'compute', 'reputation'], 'reputation': ['catalog', 'compute', 'settlement']}


def infra_objects():
    consumes = CONSUMES
    out = []
    out.append({'apiVersion': 'kafka.strimzi.io/v1beta2', 'kind': 'KafkaNodePool', 'metadata': dict(meta('brokers'), labels=dict(LABELS, **{'strimzi.io/cluster': 'marketplace'})),
                'spec': {'replicas': 3, 'roles': ['controller', 'broker'],
                         'storage': {'type': 'jbod', 'volumes': [{'id': 0, 'type': 'persistent-claim', 'size': '50Gi', 'deleteClaim': False, 'kraftMetadata': 'shared'}]},
                         'resources': {'requests': {'cpu': '500m', 'memory': '2Gi'}, 'limits': {'cpu': '2', 'memory': '2Gi'}}}})
    out.append({'apiVersion': 'kafka.strimzi.io/v1beta2', 'kind': 'Kafka', 'metadata': dict(meta('marketplace'), annotations={'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled'}),
                'spec': {'kafka': {'version': '4.1.0', 'metadataVersion': '4.1-IV1',
                                   'listeners': [{'name': 'tls', 'port': 9093, 'type': 'internal', 'tls': True, 'authentication': {'type': 'scram-sha-512'}}],
                                   'authorization': {'type': 'simple'},
                                   'config': {'offsets.topic.replication.factor': 3, 'transaction.state.log.replication.factor': 3,
                                              'transaction.state.log.min.isr': 2, 'default.replication.factor': 3, 'min.insync.replicas': 2,
                                              'auto.create.topics.enable': False}},
                         'entityOperator': {'topicOperator': {}, 'userOperator': {}},
                         'kafkaExporter': {'topicRegex': 'marketplace\\..*', 'groupRegex': '.*'}}})
    for svc in SERVICES:
        # Settlement's events that tie a user to a chain address or a balance have their own topic, which the
        # partner user is not granted (docs/partners.md).
        private = (('marketplace.%s.private.v1' % svc, 604800000 * 4), ) if svc in PRIVATE_TOPICS else ()
        for topic, retention in (('marketplace.%s.v1' % svc, 604800000 * 4), ) + private:
            out.append({'apiVersion': 'kafka.strimzi.io/v1beta2', 'kind': 'KafkaTopic',
                        'metadata': dict(meta(topic.replace('.', '-')), labels=dict(LABELS, **{'strimzi.io/cluster': 'marketplace'})),
                        'spec': {'topicName': topic, 'partitions': 12, 'replicas': 3,
                                 'config': {'retention.ms': retention, 'min.insync.replicas': 2, 'cleanup.policy': 'delete'}}})
    # Dead-letter topics (auto-creation is off): one per consumed topic and consumer, kept longer for forensics.
    for consumer, producers in CONSUMES.items():
        for producer in producers:
            topic = 'marketplace.%s.v1.dlq.%s' % (producer, consumer)
            out.append({'apiVersion': 'kafka.strimzi.io/v1beta2', 'kind': 'KafkaTopic',
                        'metadata': dict(meta(topic.replace('.', '-')), labels=dict(LABELS, **{'strimzi.io/cluster': 'marketplace'})),
                        'spec': {'topicName': topic, 'partitions': 1, 'replicas': 3,
                                 'config': {'retention.ms': 604800000 * 8, 'min.insync.replicas': 2}}})
    for svc in SERVICES:
        acls = [{'resource': {'type': 'topic', 'name': t % svc, 'patternType': 'literal'}, 'operations': ['Write', 'Describe']}
                for t in (['marketplace.%s.v1'] + (['marketplace.%s.private.v1'] if svc in PRIVATE_TOPICS else []))]
        for other in consumes[svc]:
            acls.append({'resource': {'type': 'topic', 'name': 'marketplace.%s.v1' % other, 'patternType': 'literal'},
                         'operations': ['Read', 'Describe']})
            # Read: operators list and re-drive dead letters through the service (/v1/operations/<svc>/dead-letters).
            acls.append({'resource': {'type': 'topic', 'name': 'marketplace.%s.v1.dlq.%s' % (other, svc), 'patternType': 'literal'},
                         'operations': ['Write', 'Describe', 'Create', 'Read']})
        acls.append({'resource': {'type': 'group', 'name': svc + '-service', 'patternType': 'literal'}, 'operations': ['Read']})
        acls.append({'resource': {'type': 'transactionalId', 'name': svc, 'patternType': 'prefix'}, 'operations': ['Write', 'Describe']})
        acls.append({'resource': {'type': 'cluster'}, 'operations': ['IdempotentWrite']})
        out.append({'apiVersion': 'kafka.strimzi.io/v1beta2', 'kind': 'KafkaUser',
                    'metadata': dict(meta(svc + '-service'), labels=dict(LABELS, **{'strimzi.io/cluster': 'marketplace'})),
                    'spec': {'authentication': {'type': 'scram-sha-512'}, 'authorization': {'type': 'simple', 'acls': acls}}})
    out.append({'apiVersion': 'kafka.strimzi.io/v1beta2', 'kind': 'KafkaUser',
                'metadata': dict(meta('partner-readonly'), labels=dict(LABELS, **{'strimzi.io/cluster': 'marketplace'})),
                'spec': {'authentication': {'type': 'scram-sha-512'}, 'authorization': {'type': 'simple', 'acls': [
                    # The four event topics by name, never a prefix: dead-letter topics (rejected, possibly malformed
                    # or hostile records) and any future internal topic stay closed to partners.
                    *[{'resource': {'type': 'topic', 'name': 'marketplace.%s.v1' % svc, 'patternType': 'literal'},
                       'operations': ['Read', 'Describe']} for svc in SERVICES],
                    {'resource': {'type': 'group', 'name': 'partner-', 'patternType': 'prefix'}, 'operations': ['Read']}]}}})
    for svc in SERVICES:
        out.append({'apiVersion': 'postgresql.cnpg.io/v1', 'kind': 'Cluster', 'metadata': meta(svc + '-db'),
                    'spec': {'instances': 3, 'imageName': 'ghcr.io/cloudnative-pg/postgresql:17.6',
                             'bootstrap': {'initdb': {'database': svc, 'owner': svc}},
                             'storage': {'size': '20Gi'},
                             'resources': {'requests': {'cpu': '250m', 'memory': '512Mi'}, 'limits': {'memory': '1Gi'}},
                             'backup': {'retentionPolicy': '30d', 'barmanObjectStore': {
                                 'destinationPath': 's3://marketplace-backups/%s' % svc,
                                 's3Credentials': {'accessKeyId': {'name': 'backup-s3', 'key': 'ACCESS_KEY_ID'},
                                                   'secretAccessKey': {'name': 'backup-s3', 'key': 'ACCESS_SECRET_KEY'}},
                                 'wal': {'compression': 'gzip'}}}}})
        out.append({'apiVersion': 'postgresql.cnpg.io/v1', 'kind': 'ScheduledBackup', 'metadata': meta(svc + '-db-nightly'),
                    'spec': {'schedule': '0 0 2 * * *', 'backupOwnerReference': 'self', 'cluster': {'name': svc + '-db'}}})
    realm = json.load(open(os.path.join(REPO, 'deploy/local/keycloak/marketplace-realm.json')))
    # The local realm's demo users and client secret stay local: production realms get real users from their IdP.
    realm = {k: v for k, v in realm.items() if k != 'users'}
    for c in realm.get('clients', []):
        if 'secret' in c:
            c.pop('secret')
    out.append({'apiVersion': 'k8s.keycloak.org/v2alpha1', 'kind': 'Keycloak', 'metadata': meta('keycloak'),
                'spec': {'instances': 2, 'db': {'vendor': 'postgres', 'host': 'keycloak-db-rw', 'database': 'keycloak',
                                                'usernameSecret': {'name': 'keycloak-db-app', 'key': 'username'},
                                                'passwordSecret': {'name': 'keycloak-db-app', 'key': 'password'}},
                         'http': {'tlsSecret': 'keycloak-tls'}, 'hostname': {'hostname': 'auth.marketplace.example'}}})
    out.append({'apiVersion': 'k8s.keycloak.org/v2alpha1', 'kind': 'KeycloakRealmImport', 'metadata': meta('marketplace-realm'),
                'spec': {'keycloakCRName': 'keycloak', 'realm': realm}})
    out.append({'apiVersion': 'postgresql.cnpg.io/v1', 'kind': 'Cluster', 'metadata': meta('keycloak-db'),
                'spec': {'instances': 2, 'bootstrap': {'initdb': {'database': 'keycloak', 'owner': 'keycloak'}},
                         'storage': {'size': '5Gi'}}})
    return out


def gateway_objects():
    out = [{'apiVersion': 'gateway.networking.k8s.io/v1', 'kind': 'Gateway', 'metadata': meta('marketplace'),
            'spec': {'gatewayClassName': 'marketplace-gateway-class',
                     'listeners': [{'name': 'https', 'protocol': 'HTTPS', 'port': 443, 'hostname': 'api.marketplace.example',
                                    'tls': {'mode': 'Terminate', 'certificateRefs': [{'kind': 'Secret', 'name': 'api-tls'}]},
                                    'allowedRoutes': {'namespaces': {'from': 'Same'}}}]}}]
    for svc, spec in SERVICES.items():
        # Each service's operator endpoints (dead letters) live under /v1/operations/<service>.
        rules = [{'matches': [{'path': {'type': 'PathPrefix', 'value': '/v1/' + p}}],
                  'backendRefs': [{'name': svc + '-service', 'port': 80}]} for p in spec['paths'] + ['operations/' + svc]]
        out.append({'apiVersion': 'gateway.networking.k8s.io/v1', 'kind': 'HTTPRoute', 'metadata': meta(svc),
                    'spec': {'parentRefs': [{'name': 'marketplace'}], 'hostnames': ['api.marketplace.example'], 'rules': rules}})
    return out


def observability_objects():
    # The alert rules are data (alerts.json): name, PromQL expression, how long it must hold, severity, what to do.
    alerts = json.load(open(os.path.join(HERE, 'alerts.json'), encoding='utf-8'))
    prom = {'apiVersion': 'monitoring.coreos.com/v1', 'kind': 'PrometheusRule', 'metadata': meta('marketplace-alerts'),
            'spec': {'groups': [{'name': 'marketplace', 'rules': [
                {'alert': a['alert'], 'expr': a['expr'], 'for': a['for'], 'labels': {'severity': a['severity']},
                 'annotations': {'summary': a['summary']}} for a in alerts]}]}}
    dashboard = json.load(open(os.path.join(HERE, 'grafana-dashboard.json')))
    cm = {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': dict(meta('marketplace-dashboard'), labels=dict(LABELS, grafana_dashboard='1')),
          'data': {'marketplace.json': json.dumps(dashboard, indent=1)}}
    return [prom, cm]


class NoAliases(yaml.SafeDumper):
    """Plain YAML for every reader: no &anchors / *aliases for values used twice."""
    def ignore_aliases(self, data):
        return True


def write(path, objects):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write('# Generated by deploy/kubernetes/generate.py — edit the generator, not this file.\n')
        yaml.dump_all(objects, f, Dumper=NoAliases, sort_keys=False, width=120)


files = []
for svc, spec in SERVICES.items():
    write(os.path.join(BASE, 'services', svc + '.yaml'), service_objects(svc, spec))
    files.append('services/%s.yaml' % svc)
write(os.path.join(BASE, 'infra', 'infrastructure.yaml'), infra_objects())
write(os.path.join(BASE, 'gateway', 'routes.yaml'), gateway_objects())
write(os.path.join(BASE, 'observability', 'observability.yaml'), observability_objects())
files += ['infra/infrastructure.yaml', 'gateway/routes.yaml', 'observability/observability.yaml']
with open(os.path.join(BASE, 'kustomization.yaml'), 'w') as f:
    f.write('# Generated by deploy/kubernetes/generate.py.\n')
    yaml.safe_dump({'apiVersion': 'kustomize.config.k8s.io/v1beta1', 'kind': 'Kustomization',
                    'labels': [{'pairs': {'app.kubernetes.io/managed-by': 'kustomize'}}], 'resources': files}, f, sort_keys=False)
if CHECK:
    stale = []
    for rel in files + ['kustomization.yaml']:
        with open(os.path.join(BASE, rel)) as a, open(os.path.join(HERE, 'base', rel)) as b:
            if a.read() != b.read():
                stale.append(rel)
    if stale:
        print('stale: ' + ', '.join(stale) + ' — run python3 deploy/kubernetes/generate.py and commit base/')
        sys.exit(1)
    print('base is up to date')
else:
    print('base written: ' + ', '.join(files))
