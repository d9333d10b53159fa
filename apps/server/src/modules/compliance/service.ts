import { AppError } from '../../platform/errors.ts';
import { scanAdText } from './scanner.ts';

/**
 * The refusal for merchant copy with a blocking ad-law finding (warnings pass: the console shows them before
 * saving). One field error per finding, so the console can show each under the field it came from.
 */
export function adLawProblem(fields: Record<string, string | undefined>): AppError | undefined {
  const errors: { field: string; message: string }[] = [];
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    for (const f of scanAdText(text).findings) {
      if (f.severity !== 'block') continue;
      errors.push({
        field: `body.${field}`,
        message: `「${f.matched}」${f.title}（${f.article}）${f.suggestion ? `，可改为「${f.suggestion}」` : '，建议删除'}`,
      });
    }
  }
  if (errors.length === 0) return undefined;
  return new AppError('ad-law-violation', 422, '文案含有广告法禁止的用语', describeFindingsOf(errors), errors);
}

const describeFindingsOf = (errors: { message: string }[]) => errors.map((e) => e.message).join('；');
