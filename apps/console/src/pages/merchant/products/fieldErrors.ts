import type { FormInstance } from 'antd';
import { ApiError } from '../../../api/client.ts';

/** The field errors of a validation problem, with the leading "body." dropped: [["skus", "0", "price"], "价格须大于 0"]. */
export function fieldErrorsOf(err: unknown): { path: string[]; message: string }[] {
  if (!(err instanceof ApiError) || !err.problem.errors) return [];
  return err.problem.errors.map((e) => {
    const path = e.field.split('.');
    return { path: path[0] === 'body' ? path.slice(1) : path, message: e.message };
  });
}

/**
 * The same errors as antd form fields. The server names fields by its own schema paths, which the form's
 * value type cannot know statically; paths that match no form field are ignored by antd.
 */
export function formErrorsOf<T>(
  err: unknown,
  include: (path: string[]) => boolean = () => true,
): Parameters<FormInstance<T>['setFields']>[0] {
  const fields = fieldErrorsOf(err)
    .filter((f) => include(f.path))
    .map((f) => ({ name: f.path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.message] }));
  return fields as unknown as Parameters<FormInstance<T>['setFields']>[0];
}
