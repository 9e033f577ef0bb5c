// The config wizards' contract (inference and deployment share it). Validation runs in the host with the core
// parser and real file access, so the form says exactly what the deploy will say; file contents never cross over.
import type { ConfigKind } from '../core/config/configKind';
import type { FormValues } from '../core/config/formModel';

export interface FieldMessage {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface ValidationReport {
  readonly byField: Record<string, FieldMessage[]>;
  readonly general: (FieldMessage & { path: string })[];
  readonly errorCount: number;
}

export interface ConfigWizardState {
  readonly kind: ConfigKind;
  /** Where Save writes, relative to the workspace for display. */
  readonly displayPath: string;
  readonly exists: boolean;
  readonly values: FormValues;
  /** Files of the model folder (relative, "/"-separated) offered by the path fields. */
  readonly folderFiles: readonly string[];
  /** Keys of the file no field knows (misspelled or unknown), each with the field it may mean: the form offers to
   * rename or drop them. */
  readonly unknownKeys: readonly { readonly path: string; readonly suggestion?: string; readonly value: string }[];
}

export interface ConfigWizardContract {
  initialState: ConfigWizardState;
  requests: {
    validate: { params: { values: FormValues }; result: ValidationReport };
    /** `drop`: unknown keys the user renamed or dropped (a misspelled key whose field is written goes anyway). */
    save: { params: { values: FormValues; drop?: string[] }; result: { displayPath: string } };
    cancel: { params: null; result: null };
  };
  events: Record<string, never>;
}
