// Small helpers of the sample's modules: elements with text, never markup.

/** An element of `root`'s document with the given attributes and children (texts become text nodes). */
export function el(root, tag, attributes = {}, ...children) {
  const element = root.ownerDocument.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    element.append(typeof child === 'string' ? root.ownerDocument.createTextNode(child) : child);
  }
  return element;
}

/** Replaces what `element` holds with `children`. */
export function show(element, ...children) {
  element.replaceChildren(...children);
}

/** The text of a failed call of the plugin's route, for the page. */
export function failure(answer) {
  return `the route answered ${answer.status}` + (answer.json && answer.json.error ? `: ${answer.json.error}` : '');
}
