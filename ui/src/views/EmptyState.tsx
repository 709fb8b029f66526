import type { ReactNode } from "react";

import { ViewIcon } from "../shell/icons";
import type { ViewId } from "../shell/views";

interface Props {
  view: ViewId;
  title: string;
  children: ReactNode;
}

/** What a view shows when it has nothing yet: what will appear, and how it gets there. */
export function EmptyState({ view, title, children }: Props) {
  return (
    <section className="empty" aria-labelledby={`${view}-empty-title`}>
      <div className="empty__icon">
        <ViewIcon view={view} size={28} />
      </div>
      <h2 id={`${view}-empty-title`} className="empty__title">
        {title}
      </h2>
      <div className="empty__text">{children}</div>
    </section>
  );
}
