import type { ReactNode } from "react";

import type { Section } from "../bindings/Section";

/** A section's content once the backend has said it; otherwise why it cannot be shown. */
export function SectionBody<T>({ section, children }: { section: Section<T>; children(value: T): ReactNode }) {
  switch (section.state) {
    case "known":
      return children(section.value);
    case "unavailable":
      return <p className="section__note">{section.reason}</p>;
    case "unknown":
      return <p className="section__note">Not read from the directory yet. It shows once Custodian reaches it.</p>;
  }
}

/** A titled part of the account page, with the actions that change it. */
export function PageSection({
  id,
  title,
  actions,
  wide = false,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  /** Tables take the page's whole width. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={wide ? "panel account-section account-section--wide" : "panel account-section"} aria-labelledby={`${id}-title`}>
      <header className="account-section__header">
        <h3 id={`${id}-title`} className="panel__title">
          {title}
        </h3>
        {actions && <div className="account-section__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
