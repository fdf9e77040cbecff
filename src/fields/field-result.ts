/**
 * What every field rule returns, in zod's result shape: the normalised value,
 * or one error code the form turns into a message at the field.
 */
export type FieldResult<Data, ErrorCode extends string> =
  | { success: true; data: Data }
  | { success: false; error: ErrorCode };
