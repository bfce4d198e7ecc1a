#!/usr/bin/env python3
"""Writes docs/asyncapi/<service>.asyncapi.yaml (AsyncAPI 3.0) from docs/events/<service>/*.schema.json.
Run after adding an event schema; EventSchemaCompatibilityTest checks the documents cover every schema."""
import glob, json, os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
keys = {
    'catalog': 'asset id (order id for Order*/Licence* events)',
    'compute': 'offer id (lease id for Lease*/UsageReported events)',
    'settlement': 'order or lease id for payment events; account, withdrawal, stake or anchor id otherwise',
    'reputation': 'asset id or subject id',
    'partner': 'endpoint id (partner id for PartnerGrantsChanged)',
}
for service in ('catalog', 'compute', 'settlement', 'reputation', 'partner'):
    files = sorted(glob.glob(os.path.join(root, 'docs/events', service, '*.schema.json')))
    names = [os.path.basename(f).replace('.v1.schema.json', '') for f in files]
    topic = 'marketplace.%s.v1' % service
    out = []
    w = out.append
    w('asyncapi: 3.0.0')
    w('info:')
    w('  title: %s-service events' % service)
    w('  version: 1.0.0')
    w('  description: >-')
    w('    CloudEvents 1.0 in structured JSON mode, published through a transactional outbox (at-least-once; deduplicate')
    w('    by the CloudEvent id). Events of one aggregate share the Kafka key and stay in order. See docs/partners.md.')
    w('defaultContentType: application/cloudevents+json')
    w('servers:')
    w('  local:')
    w('    host: 127.0.0.1:19092')
    w('    protocol: kafka')
    w('    description: The local stack (deploy/local/up) - no TLS, no credentials.')
    w('  production:')
    w('    host: kafka.marketplace.example:9094')
    w('    protocol: kafka-secure')
    w('    description: >-')
    w('      The Strimzi cluster\'s external listener (kafka.<domain>:9094, brokers broker-N.kafka.<domain>:9094) behind a')
    w('      load balancer: TLS with the installation\'s public certificate, SCRAM-SHA-512 as the partner\'s own KafkaUser')
    w('      partner-<name> (read-only on the topics granted to it), consumer groups partner-<name>-*.')
    w('    security:')
    w("      - $ref: '#/components/securitySchemes/scram'")
    if service != 'partner':
        # The same events, pushed: partner-service POSTs each granted one to the partner's own endpoint.
        w('  webhooks:')
        w('    host: partner.example.com')
        w('    pathname: /your/endpoint')
        w('    protocol: https')
        w('    description: >-')
        w('      Your own HTTPS endpoint, registered with POST /v1/webhooks/endpoints: partner-service POSTs each event')
        w('      granted to you, the body exactly the CloudEvent shown here, signed per Standard Webhooks (webhook-id =')
        w('      the CloudEvent id, webhook-timestamp, webhook-signature). See docs/partners.md, "Webhooks".')
    w('channels:')
    w('  %s:' % service)
    w('    address: %s' % topic)
    w('    messages:')
    for n in names:
        w('      %s:' % n)
        w("        $ref: '#/components/messages/%s'" % n)
    w('operations:')
    w('  publish%s:' % service.capitalize())
    w('    action: send')
    w('    channel:')
    w("      $ref: '#/channels/%s'" % service)
    w('components:')
    w('  securitySchemes:')
    w('    scram:')
    w('      type: scramSha512')
    w('      description: The password Strimzi writes to the Secret named after the KafkaUser.')
    w('  messageTraits:')
    w('    cloudEvent:')
    w('      headers:')
    w('        type: object')
    w('        properties:')
    w('          content-type: {type: string, const: application/cloudevents+json}')
    w('      bindings:')
    w('        kafka:')
    w('          key:')
    w('            type: string')
    w('            description: %s' % keys[service])
    w('  messages:')
    for f, n in zip(files, names):
        d = json.load(open(f))
        w('    %s:' % n)
        w('      name: ai.marketplace.%s.%s.v1' % (service, n))
        w('      title: %s' % n)
        w('      summary: %s' % json.dumps(d.get('description', '')))
        w('      traits:')
        w("        - $ref: '#/components/messageTraits/cloudEvent'")
        w('      payload:')
        w('        type: object')
        w('        required: [specversion, id, source, type, subject, time, data]')
        w('        properties:')
        w('          specversion: {type: string, const: "1.0"}')
        w('          id: {type: string, description: unique per event; redeliveries keep it}')
        w('          source: {type: string, const: "urn:ai-marketplace:%s-service"}' % service)
        w('          type: {type: string, const: "ai.marketplace.%s.%s.v1"}' % (service, n))
        w('          subject: {type: string, description: the aggregate id (also the Kafka key)}')
        w('          time: {type: string, format: date-time}')
        w('          requestid: {type: string}')
        w('          traceparent: {type: string}')
        w('          data:')
        w("            $ref: '../events/%s/%s'" % (service, os.path.basename(f)))
    path = os.path.join(root, 'docs/asyncapi', '%s.asyncapi.yaml' % service)
    open(path, 'w').write('\n'.join(out) + '\n')
    print('%s: %d messages' % (path, len(names)))
