/** Choices for the partner screens' selects: countries and time zones named by Intl, in the viewer's language. */

// ISO 3166-1 alpha-2, the codes the API accepts for `country`.
const COUNTRY_CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

const regionNames = new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' });

/** A country's name in the viewer's language ("DE" → "Germany"); the code itself when Intl does not know it. */
export const countryName = (code: string): string => regionNames.of(code) ?? code;

export interface Choice {
  value: string;
  label: string;
  description?: string;
}

let countries: Choice[] | undefined;
/** Every country by name, its code beside it (so typing "DE" finds Germany too). */
export function countryChoices(): Choice[] {
  countries ??= COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code), description: code })).sort(
    (a, b) => a.label.localeCompare(b.label),
  );
  return countries;
}

let zones: Choice[] | undefined;
/** Every IANA time zone this browser knows, with its current offset ("Asia/Kolkata", "GMT+5:30"). */
export function timeZoneChoices(): Choice[] {
  zones ??= Intl.supportedValuesOf('timeZone').map((zone) => ({ value: zone, label: zone, description: offset(zone) }));
  return zones;
}

function offset(zone: string): string {
  const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** The options of a select from a record of labels (`messages.partners.kind`), in the record's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}
