// A checkbox whose target is its whole label (at least 24 × 24 px, WCAG 2.5.8): the native input
// covers the label, invisible, and a small box draws its state. Focus shows a ring on the label.
import type { InputHTMLAttributes, ReactNode } from 'react';

export function Check({ children, className = '', ...input }: InputHTMLAttributes<HTMLInputElement> & { children: ReactNode; 'data-testid'?: string }) {
  return (
    <label className={`relative inline-flex min-h-6 min-w-6 cursor-pointer items-center gap-1 rounded px-1 has-[:disabled]:cursor-default has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-[var(--current)] ${className}`}>
      <input type="checkbox" {...input} className="peer absolute inset-0 m-0 h-full w-full cursor-pointer appearance-none opacity-0 disabled:cursor-default" />
      <span aria-hidden="true" className="inline-flex h-3.5 w-3.5 shrink-0 items-center justify-center rounded-sm border border-[var(--muted)] bg-[var(--panel)] text-[0.6rem] leading-none text-white peer-checked:border-[var(--current)] peer-checked:bg-[var(--current)] peer-disabled:opacity-50 peer-checked:[&>svg]:visible">
        <svg viewBox="0 0 12 12" width="10" height="10" className="invisible" focusable="false"><path d="M2 6.5 5 9l5-6" fill="none" stroke="currentColor" strokeWidth="2" /></svg>
      </span>
      {children}
    </label>
  );
}
