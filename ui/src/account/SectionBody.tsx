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

/** A titled part of the account page. */
export function PageSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel account-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel__title">
        {title}
      </h3>
      {children}
    </section>
  );
}
