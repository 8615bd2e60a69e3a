/**
 * A component drawn again only when one of its props changes (preact/compat's `memo` would bring all of
 * compat). The props are compared in a wrapper that renders the component as its child, so the child's
 * own signals (the language) still redraw it, without passing through the comparison.
 */
import { Component, h, type ComponentClass, type FunctionComponent } from 'preact';

function sameProps(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function memo<P extends object>(Inner: FunctionComponent<P>): ComponentClass<P> {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !sameProps(this.props, next);
    }
    override render(props: P) {
      return h(Inner, props);
    }
  };
}
