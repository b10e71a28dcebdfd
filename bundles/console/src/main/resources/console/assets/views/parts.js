// Pieces the graph, history, catalogue and runtime views share.
import * as dom from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (set as they are) and children. */
export function svg(tag, attrs, ...children) {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) {
        if (value !== null && value !== undefined && value !== false) {
            element.setAttribute(name, String(value));
        }
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
}

/** Starts a view: the body names it, the container is emptied and not ready. */
export function begin(container, name) {
    document.body.dataset.view = name;
    dom.clear(container);
    delete container.dataset.ready;
    for (const old of [...container.classList].filter((c) => c.startsWith('vw-'))) {
        container.classList.remove(old);
    }
    container.classList.add('vw-view', 'vw-' + name);
}

/** Ends a view (its cleanup): the container loses the view's classes. */
export function end(container) {
    for (const old of [...container.classList].filter((c) => c.startsWith('vw-'))) {
        container.classList.remove(old);
    }
}

/** Marks the view's data as shown (the browser tests wait on it). */
export function ready(container) {
    container.dataset.ready = 'true';
}

/** Whether the signed-in token is read-only. */
export function isViewer(ctx) {
    return Boolean(ctx && ctx.session && ctx.session.role === 'viewer');
}

/** A parameter of the route, whether the router passes an object or URLSearchParams. */
export function param(params, name) {
    if (!params) {
        return '';
    }
    const value = typeof params.get === 'function' ? params.get(name) : params[name];
    return value === null || value === undefined ? '' : String(value);
}

/** Follows plugin events while the view is shown; returns the unsubscribe (a no-op without events). */
export function follow(ctx, fn) {
    if (!ctx || typeof ctx.onPluginEvent !== 'function') {
        return () => {};
    }
    const off = ctx.onPluginEvent(fn);
    return typeof off === 'function' ? off : () => {};
}

/** The one-line text of an error: a problem's detail, else the error's message. */
export function errorText(error) {
    if (!error) {
        return '';
    }
    return error.detail || error.message || String(error);
}

/** A problem shown in a view: its detail and its details, all as text. */
export function problemBox(error, test = 'view-error') {
    const details = Array.isArray(error && error.details) ? error.details : [];
    return dom.h('div', { class: 'vw-error', 'data-test': test, role: 'alert' },
        dom.h('p', { class: 'vw-error-detail' }, errorText(error)),
        details.length ? dom.h('ul', { class: 'vw-error-details' }, details.map((d) => dom.h('li', {}, String(d))))
            : null);
}

/** A link to a plugin's page. */
export function pluginLink(id) {
    return dom.h('a', { href: '#/plugins/' + encodeURIComponent(id), class: 'vw-plugin-link' }, id);
}

/** Replaces an element's children. */
export function fill(element, ...children) {
    dom.clear(element);
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
}
