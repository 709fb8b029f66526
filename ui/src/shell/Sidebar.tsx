import logoUrl from "../../../icons/custodian.svg";
import { EXPERIENCE_LABEL } from "../organization/experience";
import { useOrganization } from "../organization/useOrganization";
import { usePendingChanges } from "../outbox/usePendingChanges";
import { ViewIcon } from "./icons";
import { shortcutLabel, type ViewId, VIEWS } from "./views";

interface Props {
  current: ViewId;
  onNavigate: (view: ViewId) => void;
}

export function Sidebar({ current, onNavigate }: Props) {
  const { organization } = useOrganization();
  const pending = usePendingChanges().data?.length ?? 0;
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">
        <img className="sidebar__logo" src={logoUrl} alt="" width={28} height={28} />
        <span className="sidebar__name">Custodian</span>
      </div>
      <ul className="sidebar__list">
        {VIEWS.map((view) => (
          <li key={view.id}>
            <button
              type="button"
              className="sidebar__item"
              aria-current={view.id === current ? "page" : undefined}
              aria-keyshortcuts={`Control+${view.shortcutKey}`}
              title={`${view.label} (${shortcutLabel(view)})`}
              onClick={() => onNavigate(view.id)}
            >
              <ViewIcon view={view.id} />
              <span className="sidebar__label">{view.label}</span>
              {view.id === "pending" && pending > 0 && (
                <span className="sidebar__count" data-testid="pending-count" aria-label={`${pending} pending`}>
                  {pending}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {organization && (
        <div className="sidebar__org" data-testid="organization">
          <span className="sidebar__org-name">{organization.name}</span>
          {organization.experience && <span className="sidebar__org-detail">{EXPERIENCE_LABEL[organization.experience]}</span>}
        </div>
      )}
    </nav>
  );
}
