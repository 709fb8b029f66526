import { count } from "../accounts/format";
import type { ReviewItem } from "../bindings/ReviewItem";
import { Dialog } from "../shell/Dialog";
import { heldProducts } from "./words";

interface Props {
  item: ReviewItem;
  onPick(product: string): void;
  onClose(): void;
}

/** For R on an account with several products: which one's access goes. 1–9 pick at once. */
export function ProductPicker({ item, onPick, onClose }: Props) {
  const held = heldProducts(item);
  return (
    <Dialog
      title={`Remove which product from ${item.name}?`}
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <p>The access is removed on every site the account has the product, once the review is applied.</p>
      <ul
        className="review-picker"
        aria-label="Products"
        onKeyDown={(event) => {
          const product = /^[1-9]$/.test(event.key) ? held[Number(event.key) - 1] : undefined;
          if (!product) return;
          event.preventDefault();
          onPick(product.product);
        }}
      >
        {held.map((product, i) => (
          <li key={product.product}>
            <button
              type="button"
              className="button review-picker__choice"
              data-autofocus={i === 0 || undefined}
              onClick={() => onPick(product.product)}
            >
              {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
              <span>{product.label}</span>{" "}
              {product.sites > 1 && <span className="table__muted">on {count.format(product.sites)} sites</span>}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
