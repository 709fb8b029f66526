import type { ReactNode } from "react";

export function ViewHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="view__header">
      <h1 className="view__title" tabIndex={-1}>
        {title}
      </h1>
      {children && <p className="view__lede">{children}</p>}
    </header>
  );
}
