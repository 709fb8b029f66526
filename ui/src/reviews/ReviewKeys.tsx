/** The keys of a review, above its accounts. */
export function ReviewKeys() {
  return (
    <ul className="review-keys" aria-label="Keys">
      <li>
        <kbd>↑</kbd> <kbd>↓</kbd> move
      </li>
      <li>
        <kbd>K</kbd> keep
      </li>
      <li>
        <kbd>D</kbd> deactivate
      </li>
      <li>
        <kbd>R</kbd> remove product access
      </li>
      <li>
        <kbd>F</kbd> follow up
      </li>
      <li>
        <kbd>N</kbd> note
      </li>
      <li>
        <kbd>0</kbd> or <kbd>⌫</kbd> clear
      </li>
    </ul>
  );
}
