import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import { messages } from '../messages';
import { ApiError } from '../lib/api/client';

/**
 * What went wrong with a call, in the API's own words (the problem's `detail`). A stale write (412: someone else
 * changed the item since it was read) says so and offers to reload the item; the form around it keeps its values,
 * so nothing typed is lost.
 */
export function ProblemAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (error instanceof ApiError && error.status === 412)
    return (
      <Alert
        type="warning"
        header={messages.common.staleTitle}
        action={onReload ? <Button onClick={onReload}>{messages.common.reload}</Button> : undefined}
      >
        {messages.common.staleDetail}
      </Alert>
    );
  const header = error instanceof ApiError ? error.title : messages.common.errorTitle;
  const detail = error instanceof ApiError ? (error.detail ?? error.message) : String(error);
  return (
    <Alert type="error" header={header}>
      {detail}
    </Alert>
  );
}

/** The API's message for one field (`body.name`), for a form field's `errorText`. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(path) : undefined;
}
