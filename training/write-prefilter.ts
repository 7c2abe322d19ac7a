/**
 * Writes lib/classify/model/prefilter.json: for each lexicon entry's regex, the strings every match contains
 * (required-strings.ts). Run `npm run lexicon:prefilter` after changing the lexicon; a unit test fails until then.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_LEXICON } from '../lib/classify/lexicon.ts';
import { buildPrefilter } from '../lib/classify/required-strings.ts';

const file = join(import.meta.dirname, '..', 'lib', 'classify', 'model', 'prefilter.json');
await writeFile(file, `${JSON.stringify(buildPrefilter(DEFAULT_LEXICON), null, 1)}\n`);
console.log(`wrote ${file}`);
