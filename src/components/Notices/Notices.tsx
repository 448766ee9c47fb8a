// Clear notices (a bad link, an unknown scenario, an engine fault) above the screen, dismissable.
import { useApp, useAppStore } from '../../store/context';
import { selectNotices } from '../../store/selectors';

export function Notices() {
  const notices = useApp(selectNotices);
  const dismiss = useAppStore().getState().dismissNotice;
  if (!notices.length) return null;
  return (
    <div role="status" data-testid="notices" className="max-h-32 shrink-0 overflow-y-auto border-b border-amber-500 bg-amber-50 px-3 py-1 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
      <ul>
        {notices.map((n, i) => (
          <li key={`${i}-${n}`} data-testid="notice" className="flex items-start gap-2">
            <span className="flex-1">{n}</span>
            <button type="button" className="rounded px-1 underline" aria-label={`Dismiss notice: ${n}`} onClick={() => dismiss(i)}>Dismiss</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
