// The four sectors of the enterprise roster (Art. 10) and the inspection
// origins of Art. 8: their names live in the glossary; these are its tables
// under the names the roster and draw code have always used.
export { ORIGIN as ORIGIN_NAMES, SECTOR as SECTOR_NAMES } from './glossary.ts';
