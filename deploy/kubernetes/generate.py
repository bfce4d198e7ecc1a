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

# First path segment after /v1 → service: one description for the local gateway and the HTTPRoutes, kept equal to
# the services' OpenAPI documents by KubernetesManifestsTest.
ROUTES_FILE = os.path.join(REPO, 'local-stack/src/main/resources/ai/marketplace/localstack/routes.json')
SERVICES = {svc: {'paths': paths, 'chain': svc == 'settlement', 'webhooks': svc == 'partner'}
            for svc, paths in json.load(open(ROUTES_FILE, encoding='utf-8'))['routes'].items()}
LABELS = {'app.kubernetes.io/part-of': 'ai-marketplace'}

# The operator releases these manifests are written and validated against (docs/operations.md, "Operators").
STRIMZI = '1.2.0'            # serves kafka.strimzi.io/v1 only; supports Kafka 4.2.x and 4.3.x
KAFKA = {'version': '4.2.1', 'metadataVersion': '4.2-IV1'}
CNPG = '1.30.0'
BARMAN_CLOUD_PLUGIN = 'v0.14.0'
BARMAN_PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io'
KEYCLOAK = '26.7.3'

# The public names of an installation. The overlays replace them from their installation.env (one file per
# installation); the base carries these placeholders.
DOMAIN = 'marketplace.example'
API_HOST = 'api.' + DOMAIN
AUTH_HOST = 'auth.' + DOMAIN
APP_HOST = 'app.' + DOMAIN
KAFKA_HOST = 'kafka.' + DOMAIN
# Services fetch Keycloak's keys inside the cluster (the Keycloak operator's Service, HTTPS on 8443) and check that
# a token's issuer is the public URL browsers and partners got it from.
KEYCLOAK_INTERNAL = 'https://keycloak-service:8443/realms/marketplace'
ISSUER = 'https://%s/realms/marketplace' % AUTH_HOST

# Partner systems outside the cluster: one KafkaUser and one OIDC client each, read-only on the granted topics.
PARTNERS = json.load(open(os.path.join(HERE, 'partners.json'), encoding='utf-8'))['partners']


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
        'QUARKUS_OIDC_AUTH_SERVER_URL': KEYCLOAK_INTERNAL,
        'QUARKUS_OIDC_TOKEN_ISSUER': ISSUER,
        'QUARKUS_OIDC_TOKEN_AUDIENCE': 'marketplace-api',
        # Keycloak's certificate is issued by the cluster's CA (Secret keycloak-tls); the services trust that CA.
        'QUARKUS_OIDC_TLS_TLS_CONFIGURATION_NAME': 'keycloak',
        'QUARKUS_TLS__KEYCLOAK__TRUST_STORE_PEM_CERTS': '/etc/keycloak-ca/ca.crt',
        # Browsers may call the API only from the web app's origin and the gateway's (CORS).
        'MARKETPLACE_HTTP_ALLOWED_ORIGINS': 'https://%s,https://%s' % (APP_HOST, API_HOST),
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
        'volumeMounts': [{'name': 'tmp', 'mountPath': '/tmp'}, {'name': 'kafka-ca', 'mountPath': '/etc/kafka-ca', 'readOnly': True},
                         {'name': 'keycloak-ca', 'mountPath': '/etc/keycloak-ca', 'readOnly': True}],
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
                                {'name': 'kafka-ca', 'secret': {'secretName': 'marketplace-cluster-ca-cert', 'items': [{'key': 'ca.crt', 'path': 'ca.crt'}]}},
                                {'name': 'keycloak-ca', 'secret': {'secretName': 'keycloak-tls', 'items': [{'key': 'ca.crt', 'path': 'ca.crt'}]}}],
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
        # Keycloak's pods as the Keycloak operator labels them: the key fetch (JWKS) and discovery, HTTPS.
        {'to': [{'podSelector': {'matchLabels': {'app': 'keycloak', 'app.kubernetes.io/instance': 'keycloak'}}}],
         'ports': [{'protocol': 'TCP', 'port': 8443}]},
        {'to': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'observability'}}}],
         'ports': [{'protocol': 'TCP', 'port': 4317}]},
    ]
    public = {'ipBlock': {'cidr': '0.0.0.0/0', 'except': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8']}}
    if spec['chain']:
        # The chain RPC endpoint is outside the cluster: HTTPS only.
        egress.append({'to': [public], 'ports': [{'protocol': 'TCP', 'port': 443}]})
    if spec['webhooks']:
        # Partners' endpoints are anywhere on the public internet, on whatever port their URL names; the service
        # itself refuses every private, loopback and link-local address (at registration and before each delivery),
        # and this policy refuses them again below the application.
        egress.append({'to': [public, {'ipBlock': {'cidr': '::/0', 'except': ['fc00::/7', 'fe80::/10', '::1/128', '::ffff:0:0/96']}}]})
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
            'settlement': ['catalog', 'compute', 'reputation'], 'reputation': ['catalog', 'compute', 'settlement'],
            # Every public topic, never settlement's private one: what partners' webhooks may carry.
            'partner': ['catalog', 'compute', 'settlement', 'reputation']}


def strimzi(kind, name, spec, **metadata):
    return {'apiVersion': 'kafka.strimzi.io/v1', 'kind': kind,
            'metadata': dict(meta(name), labels=dict(LABELS, **{'strimzi.io/cluster': 'marketplace'}), **metadata), 'spec': spec}


def topic_acl(topic, *operations):
    return {'resource': {'type': 'topic', 'name': topic, 'patternType': 'literal'}, 'operations': list(operations)}


def partner_topics(partner):
    """The public topics granted to a partner: never a private or dead-letter topic, whatever partners.json says."""
    for svc in partner['topics']:
        if svc not in SERVICES:
            sys.exit('partners.json: %s asks for %s, which is not one of %s' % (partner['name'], svc, list(SERVICES)))
    return ['marketplace.%s.v1' % svc for svc in partner['topics']]


def kafka_objects():
    out = [strimzi('KafkaNodePool', 'brokers', {
        'replicas': 3, 'roles': ['controller', 'broker'],
        'storage': {'type': 'jbod', 'volumes': [{'id': 0, 'type': 'persistent-claim', 'size': '50Gi', 'deleteClaim': False, 'kraftMetadata': 'shared'}]},
        'resources': {'requests': {'cpu': '500m', 'memory': '2Gi'}, 'limits': {'cpu': '2', 'memory': '2Gi'}}})]
    internal = {'name': 'tls', 'port': 9093, 'type': 'internal', 'tls': True, 'authentication': {'type': 'scram-sha-512'},
                # Only the services' pods: Strimzi turns this into the listener's NetworkPolicy.
                'networkPolicyPeers': [{'podSelector': {'matchLabels': {'marketplace/kafka-client': 'true'}}}]}
    # Partners outside the cluster: TLS with the installation's public certificate (Secret kafka-external-tls, e.g.
    # from cert-manager for kafka.<domain> and the broker names) and SCRAM-SHA-512 as their own KafkaUser.
    external = {'name': 'external', 'port': 9094, 'type': 'loadbalancer', 'tls': True, 'authentication': {'type': 'scram-sha-512'},
                'configuration': {
                    'bootstrap': {'alternativeNames': [KAFKA_HOST]},
                    'brokers': [{'broker': i, 'advertisedHost': 'broker-%d.%s' % (i, KAFKA_HOST)} for i in range(3)],
                    'brokerCertChainAndKey': {'secretName': 'kafka-external-tls', 'certificate': 'tls.crt', 'key': 'tls.key'}}}
    out.append(strimzi('Kafka', 'marketplace', {
        'kafka': {**KAFKA, 'listeners': [internal, external], 'authorization': {'type': 'simple'},
                  'config': {'offsets.topic.replication.factor': 3, 'transaction.state.log.replication.factor': 3,
                             'transaction.state.log.min.isr': 2, 'default.replication.factor': 3, 'min.insync.replicas': 2,
                             'auto.create.topics.enable': False}},
        'entityOperator': {'topicOperator': {}, 'userOperator': {}},
        'kafkaExporter': {'topicRegex': 'marketplace\\..*', 'groupRegex': '.*'}}))
    for svc in SERVICES:
        # Settlement's events that tie a user to a chain address or a balance have their own topic, which no
        # partner is granted (docs/partners.md).
        private = (('marketplace.%s.private.v1' % svc, 604800000 * 4), ) if svc in PRIVATE_TOPICS else ()
        for topic, retention in (('marketplace.%s.v1' % svc, 604800000 * 4), ) + private:
            out.append(strimzi('KafkaTopic', topic.replace('.', '-'), {
                'topicName': topic, 'partitions': 12, 'replicas': 3,
                'config': {'retention.ms': retention, 'min.insync.replicas': 2, 'cleanup.policy': 'delete'}}))
    # Dead-letter topics (auto-creation is off): one per consumed topic and consumer, kept longer for forensics.
    for consumer, producers in CONSUMES.items():
        for producer in producers:
            topic = 'marketplace.%s.v1.dlq.%s' % (producer, consumer)
            out.append(strimzi('KafkaTopic', topic.replace('.', '-'), {
                'topicName': topic, 'partitions': 1, 'replicas': 3, 'config': {'retention.ms': 604800000 * 8, 'min.insync.replicas': 2}}))
    for svc in SERVICES:
        acls = [topic_acl(t % svc, 'Write', 'Describe')
                for t in (['marketplace.%s.v1'] + (['marketplace.%s.private.v1'] if svc in PRIVATE_TOPICS else []))]
        for other in CONSUMES[svc]:
            acls.append(topic_acl('marketplace.%s.v1' % other, 'Read', 'Describe'))
            # Read: operators list and re-drive dead letters through the service (/v1/operations/<svc>/dead-letters).
            acls.append(topic_acl('marketplace.%s.v1.dlq.%s' % (other, svc), 'Write', 'Describe', 'Create', 'Read'))
        acls.append({'resource': {'type': 'group', 'name': svc + '-service', 'patternType': 'literal'}, 'operations': ['Read']})
        acls.append({'resource': {'type': 'transactionalId', 'name': svc, 'patternType': 'prefix'}, 'operations': ['Write', 'Describe']})
        acls.append({'resource': {'type': 'cluster'}, 'operations': ['IdempotentWrite']})
        out.append(strimzi('KafkaUser', svc + '-service', {'authentication': {'type': 'scram-sha-512'},
                                                           'authorization': {'type': 'simple', 'acls': acls}}))
    for partner in PARTNERS:
        # Topics by name, never a prefix: dead-letter topics (rejected, possibly hostile records), the private topic
        # and any future internal topic stay closed. Consumer groups under the partner's own prefix only.
        acls = [topic_acl(t, 'Read', 'Describe') for t in partner_topics(partner)]
        acls.append({'resource': {'type': 'group', 'name': 'partner-%s-' % partner['name'], 'patternType': 'prefix'}, 'operations': ['Read']})
        out.append(strimzi('KafkaUser', 'partner-' + partner['name'], {'authentication': {'type': 'scram-sha-512'},
                                                                      'authorization': {'type': 'simple', 'acls': acls}}))
    return out


def database_objects(name, database, instances, size, resources=None):
    """A CloudNativePG cluster with continuous backup through the Barman Cloud plugin: its own ObjectStore (WAL
    archive and base backups), the plugin as WAL archiver, and a nightly base backup by the plugin."""
    store = name + '-backups'
    cluster = {'instances': instances, 'imageName': 'ghcr.io/cloudnative-pg/postgresql:17.6',
               'bootstrap': {'initdb': {'database': database, 'owner': database}},
               'storage': {'size': size},
               'plugins': [{'name': BARMAN_PLUGIN_NAME, 'isWALArchiver': True, 'parameters': {'barmanObjectName': store}}]}
    if resources:
        cluster['resources'] = resources
    return [
        {'apiVersion': 'barmancloud.cnpg.io/v1', 'kind': 'ObjectStore', 'metadata': meta(store),
         'spec': {'retentionPolicy': '30d', 'configuration': {
             'destinationPath': 's3://marketplace-backups/%s' % name,
             's3Credentials': {'accessKeyId': {'name': 'backup-s3', 'key': 'ACCESS_KEY_ID'},
                               'secretAccessKey': {'name': 'backup-s3', 'key': 'ACCESS_SECRET_KEY'}},
             'wal': {'compression': 'gzip'}, 'data': {'compression': 'gzip'}}}},
        {'apiVersion': 'postgresql.cnpg.io/v1', 'kind': 'Cluster', 'metadata': meta(name), 'spec': cluster},
        {'apiVersion': 'postgresql.cnpg.io/v1', 'kind': 'ScheduledBackup', 'metadata': meta(name + '-nightly'),
         'spec': {'schedule': '0 0 2 * * *', 'backupOwnerReference': 'self', 'cluster': {'name': name},
                  'method': 'plugin', 'pluginConfiguration': {'name': BARMAN_PLUGIN_NAME}}},
    ]


def production_realm():
    """The production realm, written here and not derived from the local one: HTTPS only, the web client on the
    authorization code flow with PKCE and exact redirect URIs (set per overlay), no password grant anywhere,
    client-credentials clients for partners and automation, short-lived tokens. Users come from the operator's IdP."""
    audience = {'name': 'marketplace-api-audience', 'protocol': 'openid-connect', 'protocolMapper': 'oidc-audience-mapper',
                'config': {'included.custom.audience': 'marketplace-api', 'access.token.claim': 'true',
                           'id.token.claim': 'false', 'introspection.token.claim': 'true'}}
    def service_client(client_id, name, roles):
        return {'clientId': client_id, 'name': name, 'enabled': True, 'publicClient': False,
                'clientAuthenticatorType': 'client-secret', 'serviceAccountsEnabled': True,
                'standardFlowEnabled': False, 'implicitFlowEnabled': False, 'directAccessGrantsEnabled': False,
                'attributes': {'access.token.lifespan': '300'},
                'protocolMappers': [audience], 'defaultRoles': roles}
    clients = [{'clientId': 'marketplace-web', 'name': 'Marketplace web app (public, authorization code + PKCE)',
                'enabled': True, 'publicClient': True, 'standardFlowEnabled': True, 'implicitFlowEnabled': False,
                'directAccessGrantsEnabled': False, 'serviceAccountsEnabled': False,
                'redirectUris': ['https://%s/auth/callback' % APP_HOST],
                'webOrigins': ['https://%s' % APP_HOST],
                'attributes': {'pkce.code.challenge.method': 'S256'},
                'protocolMappers': [audience]}]
    clients += [service_client('partner-' + p['name'], 'Partner %s (client credentials)' % p['name'], ['partner']) for p in PARTNERS]
    clients.append(service_client('marketplace-automation', 'Operator automation: smoke checks, reconciliation (client credentials)', ['operator']))
    for c in clients:
        c.pop('defaultRoles', None)
    realm_roles = [{'name': 'provider', 'description': 'Lists AI assets and offers GPU capacity'},
                   {'name': 'buyer', 'description': 'Buys licences and rents compute'},
                   {'name': 'validator', 'description': 'Stakes and attests to asset integrity and quality'},
                   {'name': 'operator', 'description': 'Runs the marketplace: moderation, reconciliation, operations'},
                   {'name': 'partner', 'description': 'Partner system reading marketplace data with client credentials'}]
    service_accounts = [{'username': 'service-account-' + c['clientId'], 'enabled': True, 'serviceAccountClientId': c['clientId'],
                         'realmRoles': ['default-roles-marketplace', 'operator' if c['clientId'] == 'marketplace-automation' else 'partner']}
                        for c in clients if c.get('serviceAccountsEnabled')]
    return {'realm': 'marketplace', 'displayName': 'AI marketplace', 'enabled': True,
            'sslRequired': 'all', 'registrationAllowed': False, 'loginWithEmailAllowed': True, 'bruteForceProtected': True,
            # Token lifetimes: access tokens 5 minutes, a browser session idles out after 30 minutes and ends after 10 hours.
            'accessTokenLifespan': 300, 'ssoSessionIdleTimeout': 1800, 'ssoSessionMaxLifespan': 36000,
            'offlineSessionIdleTimeout': 2592000, 'revokeRefreshToken': True, 'refreshTokenMaxReuse': 0,
            'roles': {'realm': realm_roles}, 'clients': clients, 'users': service_accounts}


def infra_objects():
    out = kafka_objects()
    for svc in SERVICES:
        out += database_objects(svc + '-db', svc, 3, '20Gi',
                                {'requests': {'cpu': '250m', 'memory': '512Mi'}, 'limits': {'memory': '1Gi'}})
    # Keycloak's database holds every user's identity (a token's sub owns every resource): backed up like the rest.
    out += database_objects('keycloak-db', 'keycloak', 2, '5Gi')
    out.append({'apiVersion': 'k8s.keycloak.org/v2alpha1', 'kind': 'Keycloak', 'metadata': meta('keycloak'),
                'spec': {'instances': 2, 'db': {'vendor': 'postgres', 'host': 'keycloak-db-rw', 'database': 'keycloak',
                                                'usernameSecret': {'name': 'keycloak-db-app', 'key': 'username'},
                                                'passwordSecret': {'name': 'keycloak-db-app', 'key': 'password'}},
                         'http': {'tlsSecret': 'keycloak-tls'}, 'hostname': {'hostname': 'https://' + AUTH_HOST}}})
    out.append({'apiVersion': 'k8s.keycloak.org/v2alpha1', 'kind': 'KeycloakRealmImport', 'metadata': meta('marketplace-realm'),
                'spec': {'keycloakCRName': 'keycloak', 'realm': production_realm()}})
    return out


def gateway_objects():
    out = [{'apiVersion': 'gateway.networking.k8s.io/v1', 'kind': 'Gateway', 'metadata': meta('marketplace'),
            'spec': {'gatewayClassName': 'marketplace-gateway-class',
                     'listeners': [{'name': 'https', 'protocol': 'HTTPS', 'port': 443, 'hostname': API_HOST,
                                    'tls': {'mode': 'Terminate', 'certificateRefs': [{'kind': 'Secret', 'name': 'api-tls'}]},
                                    'allowedRoutes': {'namespaces': {'from': 'Same'}}}]}}]
    for svc, spec in SERVICES.items():
        # Each service's operator endpoints (dead letters) live under /v1/operations/<service>.
        rules = [{'matches': [{'path': {'type': 'PathPrefix', 'value': '/v1/' + p}}],
                  'backendRefs': [{'name': svc + '-service', 'port': 80}]} for p in spec['paths'] + ['operations/' + svc]]
        out.append({'apiVersion': 'gateway.networking.k8s.io/v1', 'kind': 'HTTPRoute', 'metadata': meta(svc),
                    'spec': {'parentRefs': [{'name': 'marketplace'}], 'hostnames': [API_HOST], 'rules': rules}})
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


def installation_component():
    """Kustomize Component that copies an overlay's installation values (ConfigMap "installation", the one file an
    operator edits: overlays/<name>/installation.yaml) into every place that needs them."""
    def to(kind, name, *paths, **options):
        t = {'select': {'kind': kind}, 'fieldPaths': list(paths)}
        if name:
            t['select']['name'] = name
        if options:
            t['options'] = options
        return t
    configmaps = [svc + '-service' for svc in SERVICES]
    r = []
    def add(key, *targets):
        r.append({'source': {'kind': 'ConfigMap', 'name': 'installation', 'fieldPath': 'data.' + key}, 'targets': list(targets)})
    add('api-host', to('Gateway', 'marketplace', 'spec.listeners.0.hostname'),
        *[to('HTTPRoute', svc, 'spec.hostnames.0') for svc in SERVICES])
    add('cors-origins', *[to('ConfigMap', cm, 'data.MARKETPLACE_HTTP_ALLOWED_ORIGINS') for cm in configmaps])
    add('oidc-issuer', *[to('ConfigMap', cm, 'data.QUARKUS_OIDC_TOKEN_ISSUER') for cm in configmaps])
    add('auth-url', to('Keycloak', 'keycloak', 'spec.hostname.hostname'))
    add('app-callback', to('KeycloakRealmImport', 'marketplace-realm', 'spec.realm.clients.[clientId=marketplace-web].redirectUris.0'))
    add('app-origin', to('KeycloakRealmImport', 'marketplace-realm', 'spec.realm.clients.[clientId=marketplace-web].webOrigins.0'))
    add('kafka-bootstrap-host', to('Kafka', 'marketplace', 'spec.kafka.listeners.[name=external].configuration.bootstrap.alternativeNames.0'))
    for i in range(3):
        add('kafka-broker-%d-host' % i,
            to('Kafka', 'marketplace', 'spec.kafka.listeners.[name=external].configuration.brokers.[broker=%d].advertisedHost' % i))
    for key, env in (('chain-rpc-url', 'MARKETPLACE_CHAIN_RPC_URL'), ('chain-id', 'MARKETPLACE_CHAIN_CHAIN_ID'),
                     ('token-address', 'MARKETPLACE_CHAIN_TOKEN_ADDRESS'), ('treasury-address', 'MARKETPLACE_CHAIN_TREASURY_ADDRESS')):
        add(key, to('ConfigMap', 'settlement-service', 'data.' + env))
    images = [('Deployment', svc + '-service', 'spec.template.spec.containers.0.image') for svc in SERVICES]
    add('image-registry', *[to(k, n, f, delimiter='/', index=0) for k, n, f in images])
    add('image-namespace', *[to(k, n, f, delimiter='/', index=1) for k, n, f in images])
    add('image-tag', *[to(k, n, f, delimiter=':', index=1) for k, n, f in images])
    return {'apiVersion': 'kustomize.config.k8s.io/v1alpha1', 'kind': 'Component', 'replacements': r}


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
COMPONENT = os.path.join(os.path.dirname(BASE), 'components', 'installation') if not CHECK else os.path.join(BASE, 'component')
os.makedirs(COMPONENT, exist_ok=True)
with open(os.path.join(COMPONENT, 'kustomization.yaml'), 'w') as f:
    f.write('# Generated by deploy/kubernetes/generate.py: where each value of an overlay\'s installation.yaml goes.\n')
    yaml.dump(installation_component(), f, Dumper=NoAliases, sort_keys=False, width=120)
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
    with open(os.path.join(COMPONENT, 'kustomization.yaml')) as a, open(os.path.join(HERE, 'components', 'installation', 'kustomization.yaml')) as b:
        if a.read() != b.read():
            stale.append('components/installation/kustomization.yaml')
    if stale:
        print('stale: ' + ', '.join(stale) + ' — run python3 deploy/kubernetes/generate.py and commit base/')
        sys.exit(1)
    print('base is up to date')
else:
    print('base written: ' + ', '.join(files))
