// The error summary: problems of the form, of a rejected JSON config, and of the worker's own validation.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';

export function ConfigErrors() {
  const { validation, jsonErrors, serverErrors, studyErrors } = useStore(
    useShallow((s) => ({
      validation: s.validation,
      jsonErrors: s.jsonErrors,
      serverErrors: s.serverErrors,
      studyErrors: s.studyErrors,
    })),
  );
  // The study controls' messages (shown under them too) block Train like the config's own.
  const study = [
    studyErrors.seeds && { field: 'Seeds', message: studyErrors.seeds },
    studyErrors.sweep && { field: 'Sweep', message: studyErrors.sweep },
  ].filter((e): e is { field: string; message: string } => !!e);
  const formErrors = [...(validation.ok ? [] : validation.errors), ...study];
  if (!formErrors.length && !jsonErrors.length && !serverErrors.length) return null;
  return (
    <div role="alert" className="config-errors" data-testid="config-errors">
      {jsonErrors.length ? (
        <>
          <strong>The JSON config was not applied</strong>
          <span className="muted"> (the form keeps the last valid config):</span>
          <ErrorList errors={jsonErrors} />
        </>
      ) : null}
      {serverErrors.length ? (
        <>
          <strong>The worker rejected the config:</strong>
          <ErrorList errors={serverErrors} />
        </>
      ) : null}
      {formErrors.length ? (
        <>
          <strong>Fix {formErrors.length === 1 ? 'this' : 'these'} before training:</strong>
          <ErrorList errors={formErrors} />
        </>
      ) : null}
    </div>
  );
}

function ErrorList({ errors }: { errors: { field: string; message: string }[] }) {
  return (
    <ul>
      {errors.map((e, i) => (
        <li key={i}>
          <code>{e.field}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}
