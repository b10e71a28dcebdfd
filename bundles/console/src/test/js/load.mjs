// Loads one of the console's modules that imports nothing (the views' pure parts) under node, which treats
// a plain .js file as CommonJS: the source is imported as an ES module from a data: URL (`page` loads it afresh,
// as a reload of the page would).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const assets = join(dirname(fileURLToPath(import.meta.url)), '../../main/resources/console/assets');

export async function load(relative, page = '') {
    const source = readFileSync(join(assets, relative), 'utf8') + (page ? '\n// page ' + page : '');
    return import('data:text/javascript;charset=utf-8,' + encodeURIComponent(source));
}

let failures = 0;

export function check(condition, what) {
    if (condition) {
        console.log('ok   ' + what);
    } else {
        failures++;
        console.log('FAIL ' + what);
    }
}

export function done() {
    if (failures) {
        console.log(failures + ' failed');
        process.exit(1);
    }
    console.log('all passed');
}
