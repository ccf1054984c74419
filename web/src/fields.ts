// Number fields that check what is typed: a bad value shows one line at the field naming the allowed range
// (the CLI's `field must be … (got …)` wording), and the caller keeps its last good plot.

import { invalid } from '../../src/errors.ts';

/** Shows `message` in a message element (role=alert), or hides it for null. */
export function showFieldMessage(element: HTMLElement, message: string | null): void {
  element.textContent = message ?? '';
  element.hidden = message === null;
}

export interface NumberFieldOptions {
  /** The field's key: its URL parameter and the input's name (id `field-<name>`). */
  name: string;
  /** The label shown, e.g. 'α', and the name messages use. */
  label: string;
  /** What the field is, for the tooltip and screen readers. */
  description: string;
  /** What the field allows, in words: 'a number > 0', 'an integer from 1 to 10000'. */
  allowed: string;
  /** Whether a parsed number is allowed. */
  valid(value: number): boolean;
  /** ArrowUp/ArrowDown: add this, or multiply by it when `log` (n_s, D, N span decades). */
  step: number;
  log?: boolean;
  value: number;
}

export interface NumberField {
  /** The label, input and message, to place in a form. */
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  readonly name: string;
  /** The value if what is typed is allowed (the message clears), else null (the message shows). */
  read(): number | null;
  /** Puts a value in the field and clears its message. */
  set(value: number): void;
  /** Shows a message at the field (a check across fields, a bad link) or clears it (null). */
  message(text: string | null): void;
}

/** The number a field's text means: a plain or e-notation number, NaN otherwise (an empty field too). */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** The message for a value a field does not allow, e.g. `α must be a number > 0 (got 0)`. */
export function fieldError(label: string, allowed: string, text: string): string {
  const value = parseNumber(text);
  return invalid(label, allowed, Number.isNaN(value) ? text : value).message;
}

/**
 * A labelled text field for a number (type=text, so what was typed can be quoted back). `onChange` runs on
 * every edit and on Enter; ArrowUp/ArrowDown step the value.
 */
export function numberField(options: NumberFieldOptions, onChange: () => void): NumberField {
  const root = document.createElement('div');
  root.className = 'field';
  const label = document.createElement('label');
  const input = document.createElement('input');
  const message = document.createElement('p');
  input.id = `field-${options.name}`;
  input.name = options.name;
  input.type = 'text';
  input.inputMode = 'decimal';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.title = options.description;
  label.htmlFor = input.id;
  label.textContent = options.label;
  message.className = 'field-message';
  message.id = `message-${options.name}`;
  message.setAttribute('role', 'alert');
  message.hidden = true;
  input.setAttribute('aria-describedby', message.id);
  root.append(label, input, message);

  const showMessage = (text: string | null): void => {
    showFieldMessage(message, text);
    input.setAttribute('aria-invalid', String(text !== null));
  };
  const read = (): number | null => {
    const value = parseNumber(input.value);
    const ok = options.valid(value);
    showMessage(ok ? null : fieldError(options.label, options.allowed, input.value));
    return ok ? value : null;
  };
  const set = (value: number): void => {
    input.value = String(value);
    showMessage(null);
  };
  input.addEventListener('input', onChange);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onChange();
      return;
    }
    const up = event.key === 'ArrowUp';
    if (!up && event.key !== 'ArrowDown') return;
    const value = parseNumber(input.value);
    if (Number.isNaN(value)) return;
    event.preventDefault();
    const next = options.log
      ? value * (up ? options.step : 1 / options.step)
      : value + (up ? options.step : -options.step);
    const rounded = Number(next.toPrecision(6));
    if (!options.valid(rounded)) return;
    set(rounded);
    onChange();
  });
  set(options.value);
  return { root, input, name: options.name, read, set, message: showMessage };
}
