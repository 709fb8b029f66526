import logoUrl from "../../../icons/custodian.svg";
import { ViewIcon } from "./icons";
import { shortcutLabel, type ViewId, VIEWS } from "./views";

interface Props {
  current: ViewId;
  onNavigate: (view: ViewId) => void;
}

export function Sidebar({ current, onNavigate }: Props) {
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
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
