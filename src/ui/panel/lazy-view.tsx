/**
 * A panel view other than the chat (contact form, your data), fetched as its
 * own chunk the first time it is shown. A small loading line covers the
 * fetch; a failed fetch offers to try again.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ViewComponent, WidgetContext } from '../widget-context';

export interface LazyViewProps {
  context: WidgetContext;
  load: () => Promise<ViewComponent>;
  texts: { loading: string; viewFailed: string; retry: string };
}

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; component: ViewComponent }
  | { status: 'failed' };

export function LazyView({ context, load, texts }: LazyViewProps) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (component) => current && setState({ status: 'ready', component }),
      () => current && setState({ status: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [load, attempt]);

  if (state.status === 'ready') {
    const View = state.component;
    return <View context={context} />;
  }
  if (state.status === 'failed') {
    return (
      <div class="view-status">
        <p>{texts.viewFailed}</p>
        <button type="button" class="chat__retry" onClick={() => setAttempt(attempt + 1)}>
          {texts.retry}
        </button>
      </div>
    );
  }
  return (
    <p class="view-status" role="status">
      {texts.loading}
    </p>
  );
}
