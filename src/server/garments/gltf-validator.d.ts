/** The parts of the Khronos glTF validator (npm `gltf-validator`, Dart compiled to JS) we use. */
declare module 'gltf-validator' {
  /** 0 error, 1 warning, 2 information, 3 hint. */
  export type Severity = 0 | 1 | 2 | 3;

  export interface ValidatorMessage {
    readonly code: string;
    readonly message: string;
    readonly severity: Severity;
    readonly pointer?: string;
    readonly offset?: number;
  }

  export interface ValidatorResource {
    readonly pointer: string;
    readonly mimeType?: string;
    readonly storage: string;
    readonly byteLength?: number;
    readonly image?: { readonly width: number; readonly height: number; readonly format?: string };
  }

  export interface ValidatorReport {
    readonly issues: {
      readonly numErrors: number;
      readonly numWarnings: number;
      readonly messages: readonly ValidatorMessage[];
      readonly truncated: boolean;
    };
    readonly info?: {
      readonly totalTriangleCount?: number;
      readonly resources?: readonly ValidatorResource[];
      readonly hasSkins?: boolean;
    };
  }

  export interface ValidationOptions {
    readonly uri?: string;
    readonly format?: 'glb' | 'gltf';
    readonly externalResourceFunction?: (uri: string) => Promise<Uint8Array>;
    readonly maxIssues?: number;
    readonly writeTimestamp?: boolean;
  }

  export function validateBytes(
    data: Uint8Array,
    options?: ValidationOptions,
  ): Promise<ValidatorReport>;
  export function version(): string;
}
