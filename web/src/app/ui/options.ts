import { type Lang, label } from '../../../../shared/src/labels';

/** Select options for a list of codes, labelled from one of the shared dictionaries. */
export function codeOptions(codes: readonly string[], dict: Parameters<typeof label>[0], lang: Lang) {
  return codes.map((value) => ({ value, label: label(dict, value, lang) }));
}
