/**
 * The whole openAPIV3Schema of the CR around a spec schema: the type meta fields, metadata (the
 * API server owns its schema), spec, and status as the helm-operator runtime writes it.
 */
import type { JSONSchemaProps } from './emit.js';

const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

/** operator-sdk's schemaless spec or status: an object that keeps whatever it is given. */
export function schemalessObject(description: string): JSONSchemaProps {
  return { description, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
}

const text = (description: string): JSONSchemaProps => ({ description, type: 'string' });

/**
 * What the runtime writes to status: conditions (Initialized, Deployed, ReleaseFailed,
 * Irreconcilable) and the deployed release. Open beyond that, so a newer runtime's fields are
 * kept rather than pruned.
 */
export function statusSchema(): JSONSchemaProps {
  return {
    description: 'Observed state of the release, written by the helm-operator runtime.',
    properties: {
      conditions: {
        description: 'Conditions of the release: Initialized, Deployed, ReleaseFailed, Irreconcilable.',
        items: {
          properties: {
            lastTransitionTime: { description: 'When the condition last changed.', format: 'date-time', nullable: true, type: 'string' },
            message: text('Human-readable details.'),
            reason: text('Machine-readable reason for the last change.'),
            status: text('True, False or Unknown.'),
            type: text('Condition type.'),
          },
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
        },
        type: 'array',
      },
      deployedRelease: {
        description: 'The Helm release currently deployed for this resource.',
        properties: {
          manifest: text('The rendered manifest of the release.'),
          name: text('Release name (the name of this resource).'),
        },
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      },
    },
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  };
}

/** The CR's root schema around a spec (and, by default, the runtime's status). */
export function crdRootSchema(spec: JSONSchemaProps, status: JSONSchemaProps = statusSchema()): JSONSchemaProps {
  return {
    properties: {
      apiVersion: text(API_VERSION_DOC),
      kind: text(KIND_DOC),
      metadata: { type: 'object' },
      spec,
      status,
    },
    type: 'object',
  };
}
