/** A field's error from the API, under the field; the input points at it with aria-describedby. */
export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-xs text-destructive" data-testid={`field-error-${id}`}>
      {message}
    </p>
  );
}

/** aria-invalid and aria-describedby for an input with an optional hint and an optional error. */
export function fieldAria(errorId: string, error: string | undefined, hintId?: string) {
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}
