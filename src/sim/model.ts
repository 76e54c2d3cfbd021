/**
 * The official API model, reduced to what the simulator checks: generated into
 * fixtures/model/constraints.json by scripts/gen-model.mjs (never edited by hand).
 */
import raw from '../../fixtures/model/constraints.json' with { type: 'json' };

export interface MemberConstraint {
  shape: string;
  required?: boolean;
  idempotencyToken?: boolean;
  /** Enum-like values documented on a member (additions.json `_values`). */
  enum?: string[];
}

export interface ShapeConstraint {
  type: 'structure' | 'string' | 'list' | 'map' | 'integer' | 'long' | 'boolean' | 'double' | 'float' | 'blob' | 'timestamp';
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  members?: Record<string, MemberConstraint>;
  union?: boolean;
  exception?: boolean;
  fault?: boolean;
  member?: string;
  key?: string;
  value?: string;
}

export interface OperationModel {
  input: string | null;
  output: string | null;
  errors: string[];
  pagination?: { inputToken: string; outputToken: string; limitKey: string | null; resultKey: string };
}

export interface ServiceModel {
  service: { apiVersion: string; jsonVersion: string; protocol: string; targetPrefix: string; signingName: string; endpointPrefix: string };
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeConstraint>;
}

/** The model of SMS and Voice v2 (all 109 operations, implemented or not). */
export const model = raw as unknown as ServiceModel;

/** The Smithy namespace the service puts in front of its error names in `__type`. */
export const SERVICE_NAMESPACE = 'com.amazonaws.pinpointsmsvoicev2';

/** The enum values of a string shape, e.g. `enumValues('ConflictExceptionReason')`. */
export function enumValues(shape: string): string[] {
  return model.shapes[shape]?.enum ?? [];
}
