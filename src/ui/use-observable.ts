/** Reads an observable in a Preact component and re-renders when it changes. */
import { useEffect, useState } from 'preact/hooks';
import type { Observable } from '../state/create-observable';

export function useObservable<Value>(observable: Observable<Value>): Value {
  const [value, setValue] = useState(() => observable.get());
  useEffect(() => {
    setValue(observable.get());
    return observable.subscribe(setValue);
  }, [observable]);
  return value;
}
