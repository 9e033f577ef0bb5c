// One form field: its label, its control (chosen by the field's type), its help line and its messages.
import type { FieldMessage } from '../../src/contract/configWizard';
import { SECRET_KEPT, type FormField } from '../../src/core/config/formModel';
import { h } from '../shared/dom';

export interface FieldView {
  readonly row: HTMLElement;
  setValue(text: string): void;
  setMessages(messages: readonly FieldMessage[]): void;
}

const label = (f: FormField) => f.path.split('.').pop()!;

function defaultText(f: FormField): string {
  if (f.spec.defaultText) return f.spec.defaultText;
  return f.spec.default !== undefined ? JSON.stringify(f.spec.default) : '';
}

/** Files a path field may offer: entry scripts are .py files, conda files are YAML. */
function filesFor(f: FormField, files: readonly string[]): string[] {
  const name = label(f);
  if (name === 'entryScript') return files.filter((x) => x.endsWith('.py'));
  if (/conda/i.test(name)) return files.filter((x) => /\.ya?ml$/.test(x));
  if (name === 'sourceDirectory') return ['.', ...new Set(files.filter((x) => x.includes('/')).map((x) => x.slice(0, x.lastIndexOf('/'))))];
  return [...files];
}

function select(f: FormField, options: [string, string][]): HTMLElement {
  const el = h('vscode-single-select', { 'data-path': f.path, 'aria-label': f.path });
  for (const [value, text] of options) el.append(h('vscode-option', { value }, text));
  return el;
}

export function fieldControl(f: FormField, value: string, files: readonly string[], onInput: (text: string) => void): FieldView {
  const dflt = defaultText(f);
  let control: HTMLElement & { value: string };
  if (f.spec.enum) {
    control = select(f, [['', dflt ? `(not set: ${dflt})` : '(not set)'], ...f.spec.enum.map((e): [string, string] => [e, e])]) as typeof control;
  } else if (f.spec.type === 'boolean') {
    control = select(f, [['', `(not set${dflt ? `: ${dflt}` : ''})`], ['true', 'true'], ['false', 'false']]) as typeof control;
  } else if (f.spec.type === 'stringMap' || f.spec.type === 'stringArray') {
    control = h('vscode-textarea', { 'data-path': f.path, 'aria-label': f.path, rows: 3, placeholder: f.spec.type === 'stringMap' ? 'NAME=value, one per line' : 'one per line' }) as unknown as typeof control;
  } else {
    control = h('vscode-textfield', {
      'data-path': f.path,
      'aria-label': f.path,
      type: f.secret ? 'password' : 'text',
      placeholder: f.secret ? (value === SECRET_KEPT ? 'set, hidden: type to replace' : 'generated when empty') : dflt ? `default: ${dflt}` : '',
    }) as unknown as typeof control;
  }
  const show = (text: string) => { control.value = f.secret && text === SECRET_KEPT ? '' : text; };
  // Custom elements upgrade asynchronously: set the value once the element is defined.
  void customElements.whenDefined(control.localName).then(() => show(value));
  const emit = () => onInput(f.secret && control.value === '' && value === SECRET_KEPT ? SECRET_KEPT : control.value);
  control.addEventListener('input', emit);
  control.addEventListener('change', emit);

  const controlBox = h('div', { class: 'control' }, control);
  if (f.spec.isPath) {
    const options = filesFor(f, files);
    if (options.length) {
      const picker = select({ ...f, path: `${f.path}#pick` }, [['', 'Pick…'], ...options.map((o): [string, string] => [o, o])]);
      picker.setAttribute('aria-label', `pick ${f.path}`);
      picker.addEventListener('change', () => {
        const chosen = (picker as HTMLElement & { value: string }).value;
        if (!chosen) return;
        show(chosen);
        onInput(chosen);
      });
      controlBox.append(picker);
    }
  }
  const messages = h('div', { class: 'messages' });
  const row = h('div', { class: 'field', 'data-field': f.path },
    h('vscode-label', { for: f.path }, label(f) + (f.spec.required ? ' *' : '')),
    controlBox,
    h('div', { class: 'help' }, f.spec.description + (dflt && !f.spec.required ? ` Default: ${dflt}.` : '')),
    messages,
  );
  return {
    row,
    setValue: show,
    setMessages(list) {
      messages.replaceChildren(...list.map((m) => h('div', { class: `message ${m.severity}`, role: m.severity === 'error' ? 'alert' : 'status' }, m.message)));
      (control as unknown as { invalid: boolean }).invalid = list.some((m) => m.severity === 'error');
    },
  };
}
